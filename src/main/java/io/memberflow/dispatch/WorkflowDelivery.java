package io.memberflow.dispatch;

import io.memberflow.domain.BillingEvent;

/** Where the dispatcher hands a recorded event: the customer's workflow (signal-with-start, in the Temporal wiring). */
public interface WorkflowDelivery {

    /**
     * Starts the customer's workflow if it is not running and delivers the event to it. Safe to repeat: the workflow
     * ignores an event id it has applied. Throws when Temporal cannot take it; the event stays in the inbox for the
     * relay.
     */
    void deliver(BillingEvent event);
}
