package io.memberflow.workflow;

/** The mutable part of one workflow run, shared by the main loop and the marketing lane (one thread at a time). */
final class WorkflowContext {
    CustomerRecord record;
    boolean marketingRunning;
    boolean syncRequested;

    WorkflowContext(CustomerRecord record) {
        this.record = record;
    }
}
