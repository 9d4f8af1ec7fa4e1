package io.memberflow.persistence;

import java.time.Instant;
import java.util.Set;

/** A row of the admin view's projection. */
public record CustomerView(String customerId, String email, String state, String plan, boolean accessGranted,
                           Set<Long> circleAccessGroupIds, Set<Long> kitTagIds, String override,
                           String lastEventId, String lastEventType, Instant lastEventAt, boolean needsAttention,
                           String lastFailure, Instant updatedAt, String attention) {
}
