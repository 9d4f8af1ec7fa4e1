package io.memberflow.inbox;

import io.memberflow.domain.BillingEvent;

/**
 * Where the inbox hands recorded events in a process that delivers them (the dispatcher of the web roles). An
 * offered event stays in the inbox until the sink marks it delivered ({@link Inbox#markDispatched}) or the lease
 * runs out; so a sink may refuse or drop an event without losing it.
 */
public interface EventSink {

    /** Queues an event that failed {@code attempts} times so far; false when there is no room now. */
    boolean offer(BillingEvent event, int attempts);

    /** How many events could be queued now, so the relay claims no more than that. */
    int room();
}
