package io.memberflow.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A vendor call recorded instead of made, because the integration has no credentials (shadow mode). */
@MappedEntity("shadow_call")
public record ShadowCall(@Id @GeneratedValue @Nullable Long id,
                         String vendor,
                         String operation,
                         String customerId,
                         String targetIds,
                         @Nullable String cause,
                         Instant createdAt) {
}
