package io.memberflow.activities;

import java.util.Set;

/** What the admin view shows of one customer; {@code revision} grows with every change. */
public record CustomerSnapshot(String customerId, String workflowId, String email, String state, String plan,
                               boolean accessGranted, Set<Long> circleAccessGroupIds, Set<Long> kitTagIds,
                               String override, String lastEventId, String lastEventType, Long lastEventAt,
                               boolean needsAttention, String lastFailure, long revision) {
}
