package io.memberflow.activities;

import java.util.Set;

/**
 * What the admin view shows of one customer; {@code revision} grows with every change. {@code accessGranted} is
 * access as Circle has it (billing grants it and every required group is applied); {@code attention} says in a
 * sentence why the customer needs attention (null when nothing does).
 */
public record CustomerSnapshot(String customerId, String workflowId, String email, String state, String plan,
                               boolean accessGranted, Set<Long> circleAccessGroupIds, Set<Long> kitTagIds,
                               String override, String lastEventId, String lastEventType, Long lastEventAt,
                               boolean needsAttention, String lastFailure, long revision, String attention) {
}
