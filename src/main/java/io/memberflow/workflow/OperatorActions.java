package io.memberflow.workflow;

import io.memberflow.domain.AccessOverride;
import io.temporal.workflow.Workflow;

/**
 * Applies operator signals inside the workflow. Every action needs an actor and a reason; each is written to
 * the timeline and audit trail with both. Overrides and blocks change the member state, so the next
 * reconciliation carries them out at Circle and Kit.
 */
final class OperatorActions {
    /** The signal names, as {@code temporal workflow signal --name} and the admin API take them. */
    static final java.util.List<String> NAMES = java.util.List.of("retrySync", "grantAccess", "revokeAccess",
            "clearOverride", "block", "unblock", "resolveSupportTask");

    record Queued(String name, OperatorAction action) {
    }

    private final WorkflowContext ctx;
    private final Reconciliation reconciliation;

    OperatorActions(WorkflowContext ctx, Reconciliation reconciliation) {
        this.ctx = ctx;
        this.reconciliation = reconciliation;
    }

    void apply(Queued queued) {
        OperatorAction a = queued.action();
        long now = Workflow.currentTimeMillis();
        if (a == null || !a.valid()) {
            ctx.record = ctx.record.noting(now, "operator", "unknown", null,
                    "rejected " + queued.name() + ": actor and reason are required");
            return;
        }
        var member = ctx.record.member();
        switch (queued.name()) {
            case "retrySync" -> {
                ctx.record = ctx.record.withFailure(null);
                ctx.readRetryAt = null;
            }
            case "grantAccess" -> ctx.record = ctx.record.withMember(member.withOverride(AccessOverride.GRANT));
            case "revokeAccess" -> ctx.record = ctx.record.withMember(member.withOverride(AccessOverride.REVOKE));
            case "clearOverride" -> ctx.record = ctx.record.withMember(member.withOverride(AccessOverride.NONE));
            case "block" -> ctx.record = ctx.record.withMember(member.withOperatorBlocked(true));
            case "unblock" -> ctx.record = ctx.record.withMember(member.withOperatorBlocked(false));
            case "resolveSupportTask" -> {
                if (a.taskId() == null) {
                    ctx.record = ctx.record.noting(now, "operator", a.actor(), null,
                            "rejected resolveSupportTask: taskId is required");
                    return;
                }
                reconciliation.resolveTask(a.taskId(), a.actor(), a.reason());
            }
            default -> throw new IllegalArgumentException("unknown operator action " + queued.name());
        }
        ctx.syncRequested = true;
        ctx.syncHeld = false;
        ctx.record = ctx.record.noting(now, "operator", a.actor(), null, queued.name()
                + (a.taskId() == null ? "" : " " + a.taskId()) + ": " + a.reason());
    }
}
