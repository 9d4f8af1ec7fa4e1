package io.memberflow.simulate;

import io.memberflow.workflow.CustomerRecord;

/** One line about a customer's state, as simulate prints it. */
final class SimulatorOutput {
    private SimulatorOutput() {
    }

    static String describe(CustomerRecord r) {
        return String.format("events applied: %d, last: %s", r.eventsApplied(), r.lastEventType());
    }
}
