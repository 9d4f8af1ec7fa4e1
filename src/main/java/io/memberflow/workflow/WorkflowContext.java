package io.memberflow.workflow;

import java.util.Set;

/** The mutable part of one workflow run, shared by the main loop and the marketing lane (one thread at a time). */
final class WorkflowContext {
    final CustomerBook book;
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
    /** Why the last read found no customer at Stripe (a 404), in words for support; null once a read finds it. */
    String customerMissing;
    /** The events the inbox held when the last read after a burst began: they need no read of their own. */
    Set<String> coveredByRead = Set.of();

    WorkflowContext(CustomerBook book) {
        this.book = book;
    }
}
