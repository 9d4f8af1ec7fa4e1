package io.memberflow.workflow;

import io.memberflow.domain.AccessOverride;
import io.temporal.workflow.Workflow;

/**
 * Applies operator signals inside the workflow. Every action needs an actor and a reason; each is written to
 * the timeline and audit trail with both. Overrides and blocks change the member state, so the next
 * vendor sync carries them out at Circle and Kit.
 */
final class OperatorActions {
    private final WorkflowContext ctx;

    OperatorActions(WorkflowContext ctx) {
        this.ctx = ctx;
    }

    void apply(SignalInbox.OperatorRequest queued) {
        OperatorAction a = queued.action();
        long now = Workflow.currentTimeMillis();
        if (a == null || !a.valid()) {
            ctx.book.change(r -> r.noting(now, "operator", "unknown", null,
                    "rejected " + queued.signal().signalName() + ": actor and reason are required"));
            return;
        }
        var member = ctx.book.record().member();
        switch (queued.signal()) {
            case RETRY_SYNC -> {
                ctx.book.change(r -> r.withFailure(null));
                ctx.readRetryAt = null;
            }
            case GRANT_ACCESS -> ctx.book.change(r -> r.withMember(member.withOverride(AccessOverride.GRANT)));
            case REVOKE_ACCESS -> ctx.book.change(r -> r.withMember(member.withOverride(AccessOverride.REVOKE)));
            case CLEAR_OVERRIDE -> ctx.book.change(r -> r.withMember(member.withOverride(AccessOverride.NONE)));
            case BLOCK -> ctx.book.change(r -> r.withMember(member.withOperatorBlocked(true)));
            case UNBLOCK -> ctx.book.change(r -> r.withMember(member.withOperatorBlocked(false)));
            case RESOLVE_SUPPORT_TASK -> {
                if (a.taskId() == null) {
                    ctx.book.change(r -> r.noting(now, "operator", a.actor(), null,
                            "rejected resolveSupportTask: taskId is required"));
                    return;
                }
                ctx.book.resolveTask(a.taskId(), a.actor(), a.reason());
            }
        }
        ctx.syncRequested = true;
        ctx.syncHeld = false;
        ctx.book.change(r -> r.noting(now, "operator", a.actor(), null, queued.signal().signalName()
                + (a.taskId() == null ? "" : " " + a.taskId()) + ": " + a.reason()));
    }
}
