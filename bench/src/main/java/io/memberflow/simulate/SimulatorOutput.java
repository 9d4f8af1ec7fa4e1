package io.memberflow.simulate;

import io.memberflow.domain.MemberState;
import io.memberflow.workflow.CustomerRecord;

/** One line about a customer's state, as simulate prints it. */
final class SimulatorOutput {
    private SimulatorOutput() {
    }

    static String describe(CustomerRecord r) {
        MemberState m = r.member();
        StringBuilder line = new StringBuilder()
                .append("state ").append(m.status())
                .append(" | plan ").append(m.planName() == null ? "-" : m.planName())
                .append(" | access ").append(m.accessGranted() ? "yes" : "no")
                .append(" | circle groups ").append(m.applied().accessGroupIds())
                .append(" | kit tags ").append(m.applied().tagIds());
        if (m.graceDeadline() != null) {
            line.append(" | grace until ").append(java.time.Instant.ofEpochMilli(m.graceDeadline()));
        }
        if (r.lastFailure() != null) {
            line.append(" | FAILING: ").append(r.lastFailure());
        }
        return line.toString();
    }
}
