package io.memberflow.activities;

import java.util.Set;

/** Access groups to grant or revoke for one member; {@code cause} is the event id or action behind it. */
public record AccessChange(String customerId, String email, String name, Set<Long> accessGroupIds, String cause) {
    public AccessChange {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        accessGroupIds = accessGroupIds == null ? Set.of() : Set.copyOf(accessGroupIds);
    }
}
