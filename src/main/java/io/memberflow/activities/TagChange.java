package io.memberflow.activities;

import java.util.Set;

/** Kit tags to add or remove for one subscriber; {@code cause} is the event id or action behind it. */
public record TagChange(String customerId, String email, String firstName, Set<Long> tagIds, String cause) {
    public TagChange {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        tagIds = tagIds == null ? Set.of() : Set.copyOf(tagIds);
    }
}
