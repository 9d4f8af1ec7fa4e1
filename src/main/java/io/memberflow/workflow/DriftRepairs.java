package io.memberflow.workflow;

import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;
import io.temporal.workflow.Workflow;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a {@link DriftRepair} inside the workflow: the record's "applied" groups and tags are corrected to what
 * Circle and Kit were seen to hold, so the next diff against what billing wants grants, revokes, tags or untags
 * exactly the drift, through the usual activities and their retries. Guarded by version {@value #DRIFT_REPAIR}
 * (runs older than this signal never reach it).
 */
final class DriftRepairs {
    static final String DRIFT_REPAIR = "drift-repair";
    private final WorkflowContext ctx;

    DriftRepairs(WorkflowContext ctx) {
        this.ctx = ctx;
    }

    void apply(DriftRepair repair, boolean billingReads) {
        if (Workflow.getVersion(DRIFT_REPAIR, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return;
        }
        MemberState member = ctx.book.record().member();
        Entitlements applied = member.applied();
        Set<Long> groups = new HashSet<>(applied.accessGroupIds());
        groups.removeAll(repair.circleMissing());
        groups.addAll(repair.circleExtra());
        Set<Long> tags = new HashSet<>(applied.tagIds());
        tags.removeAll(repair.kitTagMissing());
        tags.addAll(repair.kitTagExtra());
        ctx.book.change(r -> r.withMember(member.withApplied(new Entitlements(groups, tags)))
                .noting(Workflow.currentTimeMillis(), "drift", repair.runId().startsWith(AddressGuard.REPAIR_PREFIX)
                        ? "memberflow" : "reconciliation", null, describe(repair)));
        if (billingReads && repair.rereadBilling()) {
            ctx.readWanted = true;
            ctx.readRetryAt = null;
        }
        ctx.syncRequested = true;
        ctx.syncHeld = false;
    }

    static String describe(DriftRepair r) {
        if (r.runId().startsWith(AddressGuard.REPAIR_PREFIX)) {
            return "customer " + r.runId().substring(AddressGuard.REPAIR_PREFIX.length()) + " of the same e-mail address"
                    + " removed" + (r.circleMissing().isEmpty() ? "" : " Circle groups " + new TreeSet<>(r.circleMissing()))
                    + (r.kitTagMissing().isEmpty() ? "" : " Kit tags " + new TreeSet<>(r.kitTagMissing()))
                    + " that this customer requires — adding them again";
        }
        StringBuilder text = new StringBuilder("drift found by reconciliation ").append(r.runId()).append(':');
        part(text, "Circle lacks groups", r.circleMissing());
        part(text, "Circle holds unapplied groups", r.circleExtra());
        part(text, "Kit lacks tags", r.kitTagMissing());
        part(text, "Kit holds unapplied tags", r.kitTagExtra());
        if (r.rereadBilling()) {
            text.append(" billing disagrees, re-reading Stripe;");
        }
        text.setLength(text.length() - 1);
        return text.append(" — repairing").toString();
    }

    private static void part(StringBuilder text, String label, Set<Long> ids) {
        if (!ids.isEmpty()) {
            text.append(' ').append(label).append(' ').append(new TreeSet<>(ids)).append(';');
        }
    }
}
