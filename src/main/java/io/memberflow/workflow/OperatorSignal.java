package io.memberflow.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operator signals, by the names the {@code temporal} CLI, {@code tctl}, the admin API and workflows.md use.
 * One list for all of them: an unknown name is refused where it enters (the admin API or the Temporal gateway),
 * never inside workflow code.
 */
public enum OperatorSignal {
    RETRY_SYNC("retrySync"),
    GRANT_ACCESS("grantAccess"),
    REVOKE_ACCESS("revokeAccess"),
    CLEAR_OVERRIDE("clearOverride"),
    BLOCK("block"),
    UNBLOCK("unblock"),
    RESOLVE_SUPPORT_TASK("resolveSupportTask");

    private final String signalName;

    OperatorSignal(String signalName) {
        this.signalName = signalName;
    }

    /** The Temporal signal name, e.g. {@code retrySync}. */
    public String signalName() {
        return signalName;
    }

    public static Optional<OperatorSignal> named(String name) {
        return Arrays.stream(values()).filter(s -> s.signalName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(OperatorSignal::signalName).toList();
    }
}
