package io.memberflow.inbox;

/** Where an accepted Stripe event stands. */
public enum InboxStatus {
    /** Recorded, not yet delivered to its customer's workflow: the relay keeps trying. */
    RECEIVED,
    /** Delivered to the customer's workflow. */
    DISPATCHED,
    /** A type memberflow does not act on; acknowledged and kept for the record. */
    IGNORED,
    /** No Stripe customer could be found for it; waits for an operator. */
    NEEDS_CUSTOMER
}
