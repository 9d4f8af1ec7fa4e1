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

    /**
     * Delivers several events of ONE customer, in this order, in one call (signal-with-start of {@code onEvents} in
     * the Temporal wiring). All or nothing as far as the caller knows: when it throws, none counts as delivered.
     * Safe to repeat, like {@link #deliver}. This default delivers them one by one.
     */
    default void deliverAll(java.util.List<BillingEvent> events) {
        events.forEach(this::deliver);
    }
}
