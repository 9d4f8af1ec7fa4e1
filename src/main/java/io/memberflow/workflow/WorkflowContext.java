package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/** The mutable part of one workflow run, shared by the main loop and the marketing lane (one thread at a time). */
final class WorkflowContext {
    CustomerRecord record;
    /** Events and operator actions signalled but not applied yet; signal handlers only append here. */
    final Deque<BillingEvent> queue;
    final Deque<OperatorActions.Queued> actions;
    /** Drift seen by a reconciliation run, not applied yet. */
    final Deque<DriftRepair> repairs;
    /** {@code requestBillingRead} signals not applied yet. */
    final Deque<BillingReadReason> readRequests;
    boolean marketingRunning;
    boolean syncRequested;
    /** Set when a side effect failed for good: nothing is retried until an event, a deadline or an operator says so. */
    boolean syncHeld;
    /** A billing event arrived that the last read of Stripe may not reflect. */
    boolean readWanted;
    /** After a read failed for good: the workflow time of the next try (an event or retrySync tries sooner). */
    Long readRetryAt;
    /** Why the last read of Stripe failed for good; null once a read succeeds. */
    String readFailure;
    /** Version {@code lean-tasks} = 1: debounce inside the read activity, projection written by a local activity. */
    boolean leanTasks;
    /** Version {@code charge-facts} = 1: refunds matched by charge, one-off purchases, a 404 customer flagged. */
    boolean chargeFacts;
    /** Version {@code shared-address} = 1: removals keep what other customers of the address require. */
    boolean sharedAddress;
    /** Why the last read found no customer at Stripe (a 404), in words for support; null once a read finds it. */
    String customerMissing;
    /** The events the inbox held when the last read after a burst began: they need no read of their own. */
    Set<String> coveredByRead = Set.of();

    WorkflowContext(CustomerRecord record) {
        this(record, new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>());
    }

    /** With queues that exist before the run starts (signals can be handled before the workflow method). */
    WorkflowContext(CustomerRecord record, Deque<BillingEvent> queue, Deque<OperatorActions.Queued> actions,
                    Deque<DriftRepair> repairs, Deque<BillingReadReason> readRequests) {
        this.record = record;
        this.queue = queue;
        this.actions = actions;
        this.repairs = repairs;
        this.readRequests = readRequests;
    }

    boolean hasQueued() {
        return !queue.isEmpty() || !actions.isEmpty() || !repairs.isEmpty() || !readRequests.isEmpty();
    }
}
