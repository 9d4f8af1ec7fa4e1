package io.memberflow.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A task for a person, opened once per cause ({@code taskKey}). {@code context} is a JSON object of strings. */
@MappedEntity("support_task")
public record SupportTask(@Id @GeneratedValue @Nullable Long id,
                          String taskKey,
                          String customerId,
                          String kind,
                          @Nullable String causeEventId,
                          String summary,
                          String context,
                          String status,
                          Instant createdAt,
                          @Nullable Instant resolvedAt,
                          @Nullable String resolvedBy,
                          @Nullable String resolution) {
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
}
