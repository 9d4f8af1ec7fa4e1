package io.memberflow.workflow;

/** The mutable part of one workflow run, shared by the main loop and the marketing lane (one thread at a time). */
final class WorkflowContext {
    CustomerRecord record;
    boolean marketingRunning;
    boolean syncRequested;
    /** Set when a side effect failed for good: nothing is retried until an event, a deadline or an operator says so. */
    boolean syncHeld;

    WorkflowContext(CustomerRecord record) {
        this.record = record;
    }
}
