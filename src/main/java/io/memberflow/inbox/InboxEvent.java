package io.memberflow.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One accepted Stripe event. The Stripe event id is the primary key, so a redelivery cannot add a row. */
@MappedEntity("inbox_event")
public record InboxEvent(@Id String eventId,
                         String eventType,
                         @Nullable String customerId,
                         InboxStatus status,
                         @Nullable String normalized,
                         String payload,
                         Instant receivedAt,
                         @Nullable Instant dispatchedAt,
                         int attempts,
                         @Nullable Instant nextAttemptAt,
                         @Nullable String lastError) {
}
