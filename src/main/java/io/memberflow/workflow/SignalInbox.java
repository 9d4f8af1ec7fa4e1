package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the customer's signals brought that the loop has not applied yet. Signal handlers only add here (a signal can
 * be handled before the workflow method runs, so the inbox exists from the workflow's construction); the loop takes
 * one item at a time with {@link #next}, which looks again at every queue each time: an event that arrives while an
 * operator action is being applied still goes before the next operator action.
 */
final class SignalInbox {
    /** One queued item, of one of the four kinds below. */
    sealed interface Item permits Event, OperatorRequest, Repair, ReadRequest {
    }

    /** A billing event from {@code onEvent}/{@code onEvents}. */
    record Event(BillingEvent event) implements Item {
    }

    /** An operator signal with its action, as queued by its handler. */
    record OperatorRequest(OperatorSignal signal, OperatorAction action) implements Item {
    }

    /** Drift seen by a reconciliation run. */
    record Repair(DriftRepair repair) implements Item {
    }

    /** A {@code requestBillingRead} signal. */
    record ReadRequest(BillingReadReason reason) implements Item {
    }

    private final Deque<BillingEvent> events = new ArrayDeque<>();
    private final Deque<OperatorRequest> actions = new ArrayDeque<>();
    /** Drift seen by a reconciliation run, not applied yet. */
    private final Deque<DriftRepair> repairs = new ArrayDeque<>();
    /** {@code requestBillingRead} signals not applied yet. */
    private final Deque<BillingReadReason> readRequests = new ArrayDeque<>();

    void addEvent(BillingEvent event) {
        events.add(event);
    }

    void addAction(OperatorSignal signal, OperatorAction action) {
        actions.add(new OperatorRequest(signal, action));
    }

    void addRepair(DriftRepair repair) {
        repairs.add(repair);
    }

    void addReadRequest(BillingReadReason reason) {
        readRequests.add(reason);
    }

    boolean hasQueued() {
        return !events.isEmpty() || !actions.isEmpty() || !repairs.isEmpty() || !readRequests.isEmpty();
    }

    /** Takes the next item to apply: events first, then operator actions, drift repairs, read requests; null when empty. */
    Item next() {
        if (!events.isEmpty()) {
            return new Event(events.poll());
        }
        if (!actions.isEmpty()) {
            return actions.poll();
        }
        if (!repairs.isEmpty()) {
            return new Repair(repairs.poll());
        }
        BillingReadReason reason = readRequests.poll();
        return reason == null ? null : new ReadRequest(reason);
    }
}
