package io.memberflow.activities;

import java.util.Set;

/**
 * What the admin view shows of one customer; {@code revision} grows with every change. {@code accessGranted} is
 * access as Circle has it (billing grants it and every required group is applied); {@code attention} says in a
 * sentence why the customer needs attention (null when nothing does). {@code requiredGroupIds} and
 * {@code requiredTagIds}: what billing requires at Circle and Kit now (null when the workflow did not say: runs before
 * {@code billing-truth}); other customers at the same address read them before removing anything there.
 * {@code taskMillis}: the workflow clock of the workflow task that built the snapshot (null from callers written before
 * it was kept). A workflow task whose worker dies before it completes may already have written through a local
 * activity; the attempt that completes runs later on the workflow clock, so its writes replace those.
 */
public record CustomerSnapshot(String customerId, String workflowId, String email, String state, String plan,
                               boolean accessGranted, Set<Long> circleAccessGroupIds, Set<Long> kitTagIds,
                               String override, String lastEventId, String lastEventType, Long lastEventAt,
                               boolean needsAttention, String lastFailure, long revision, String attention,
                               Set<Long> requiredGroupIds, Set<Long> requiredTagIds, Long taskMillis) {

    /** Without the task's clock (callers written before it was kept). */
    public CustomerSnapshot(String customerId, String workflowId, String email, String state, String plan,
                            boolean accessGranted, Set<Long> circleAccessGroupIds, Set<Long> kitTagIds,
                            String override, String lastEventId, String lastEventType, Long lastEventAt,
                            boolean needsAttention, String lastFailure, long revision, String attention,
                            Set<Long> requiredGroupIds, Set<Long> requiredTagIds) {
        this(customerId, workflowId, email, state, plan, accessGranted, circleAccessGroupIds, kitTagIds, override,
                lastEventId, lastEventType, lastEventAt, needsAttention, lastFailure, revision, attention,
                requiredGroupIds, requiredTagIds, null);
    }

    /** Without requirements (callers written before they were kept). */
    public CustomerSnapshot(String customerId, String workflowId, String email, String state, String plan,
                            boolean accessGranted, Set<Long> circleAccessGroupIds, Set<Long> kitTagIds,
                            String override, String lastEventId, String lastEventType, Long lastEventAt,
                            boolean needsAttention, String lastFailure, long revision, String attention) {
        this(customerId, workflowId, email, state, plan, accessGranted, circleAccessGroupIds, kitTagIds, override,
                lastEventId, lastEventType, lastEventAt, needsAttention, lastFailure, revision, attention, null, null, null);
    }
}
