package io.memberflow.workflow;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.SupportActivities;
import io.memberflow.activities.SupportTaskInput;
import io.memberflow.activities.TagChange;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;
import io.memberflow.domain.Reconciler;
import io.memberflow.domain.SideEffect;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings Circle and Kit to what the member's state requires, inside the workflow. Access effects run first and
 * in the main loop; tag effects run in a separate lane so a Kit outage never delays Circle access, and plan tags
 * are added only once the access they follow exists. An effect that still fails after its activity retries
 * leaves the state recoverable: the failure is recorded, one support task is opened for it, and the same diff is
 * attempted again on the next event or {@code retrySync}.
 */
final class Reconciliation {
    private final WorkflowContext ctx;
    private final CommunityAccessActivities access;
    private final MarketingActivities marketing;
    private final SupportActivities support;
    private EntitlementMachine machine;

    Reconciliation(WorkflowContext ctx, ActivityPolicies policies) {
        this.ctx = ctx;
        this.access = Workflow.newActivityStub(CommunityAccessActivities.class, policies.vendor());
        this.marketing = Workflow.newActivityStub(MarketingActivities.class, policies.vendor());
        this.support = Workflow.newActivityStub(SupportActivities.class, policies.support());
    }

    void reconcile(EntitlementMachine current) {
        this.machine = current;
        List<SideEffect> plan = pending();
        if (plan.isEmpty()) {
            clearFailureIfInSync();
            return;
        }
        if (ctx.record.member().email() == null || ctx.syncHeld) {
            return; // vendors address members by e-mail: wait for an event that brings it; or held after a failure
        }
        for (SideEffect effect : plan) {
            if (isAccess(effect) && !run(effect)) {
                break;
            }
        }
        if (!ctx.marketingRunning && pending().stream().anyMatch(e -> !isAccess(e))) {
            ctx.marketingRunning = true;
            Async.procedure(this::marketingLane);
        }
        clearFailureIfInSync();
    }

    private void clearFailureIfInSync() {
        if (ctx.record.lastFailure() != null && !ctx.marketingRunning && pending().isEmpty()) {
            ctx.record = ctx.record.withFailure(null).noting(now(), "sync", "in sync again");
        }
    }

    private void marketingLane() {
        try {
            while (true) {
                SideEffect next = pending().stream().filter(e -> !isAccess(e))
                        .filter(e -> e.kind() != SideEffect.Kind.ADD_TAGS || accessInSync())
                        .findFirst().orElse(null);
                if (next == null || ctx.syncHeld || !run(next)) {
                    break;
                }
            }
        } finally {
            ctx.marketingRunning = false;
        }
        clearFailureIfInSync();
    }

    private List<SideEffect> pending() {
        MemberState member = ctx.record.member();
        return Reconciler.plan(member.applied(), machine.desired(member));
    }

    private boolean accessInSync() {
        MemberState member = ctx.record.member();
        return member.applied().accessGroupIds().equals(machine.desired(member).accessGroupIds());
    }

    /** Runs one effect; true when it succeeded. */
    private boolean run(SideEffect effect) {
        MemberState m = ctx.record.member();
        String cause = ctx.record.lastEventId() == null ? "sync" : ctx.record.lastEventId();
        try {
            switch (effect.kind()) {
                case GRANT_ACCESS -> access.grantAccess(new AccessChange(m.customerId(), m.email(), m.name(), effect.ids(), cause));
                case REVOKE_ACCESS -> access.revokeAccess(new AccessChange(m.customerId(), m.email(), m.name(), effect.ids(), cause));
                case ADD_TAGS -> marketing.addTags(new TagChange(m.customerId(), m.email(), firstName(m.name()), effect.ids(), cause));
                case REMOVE_TAGS -> marketing.removeTags(new TagChange(m.customerId(), m.email(), firstName(m.name()), effect.ids(), cause));
            }
        } catch (ActivityFailure failure) {
            ctx.syncHeld = true;
            String message = describe(effect) + " failed: " + reason(failure);
            ctx.record = ctx.record.withFailure(message).noting(now(), "failure", message);
            Workflow.getLogger(Reconciliation.class).warn("{} for {}", message, m.customerId());
            openTask("sync_failed", cause + ":" + effect.kind().name().toLowerCase(), message, Map.of(
                    "effect", describe(effect),
                    "state", m.status().name(),
                    "plan", String.valueOf(m.planName()),
                    "lastEventId", String.valueOf(ctx.record.lastEventId()),
                    "recover", "fix the cause, then signal retrySync (see workflows.md)"));
            return false;
        }
        ctx.record = ctx.record.withMember(ctx.record.member().withApplied(after(ctx.record.member().applied(), effect)))
                .noting(now(), "side-effect", describe(effect) + " done");
        return true;
    }

    /** Opens a support task once per (customer, kind, cause); a failure to open one is recorded, never thrown. */
    void openTask(String kind, String cause, String summary, Map<String, String> context) {
        String key = ctx.record.customerId() + ":" + kind + ":" + cause;
        try {
            long id = support.openTask(new SupportTaskInput(key, ctx.record.customerId(), kind, cause, summary, context));
            ctx.record = ctx.record.withOpenTask(id).noting(now(), "support", "task " + id + " (" + kind + ") open");
        } catch (ActivityFailure failure) {
            ctx.record = ctx.record.noting(now(), "failure", "could not open a " + kind + " support task: " + reason(failure));
        }
    }

    /** Marks a support task resolved (the activity is idempotent) and stops counting it as open. */
    void resolveTask(long taskId, String actor, String reason) {
        try {
            support.resolveTask(taskId, actor, reason);
            ctx.record = ctx.record.withoutOpenTask(taskId);
        } catch (ActivityFailure failure) {
            ctx.record = ctx.record.noting(now(), "failure", "could not resolve support task " + taskId + ": " + reason(failure));
        }
    }

    /** The side effects still to do, described for the {@code pending} query. */
    List<String> describePending() {
        return machine == null ? List.of() : pending().stream().map(Reconciliation::describe).toList();
    }

    static Entitlements after(Entitlements applied, SideEffect effect) {
        Set<Long> groups = new HashSet<>(applied.accessGroupIds());
        Set<Long> tags = new HashSet<>(applied.tagIds());
        switch (effect.kind()) {
            case GRANT_ACCESS -> groups.addAll(effect.ids());
            case REVOKE_ACCESS -> groups.removeAll(effect.ids());
            case ADD_TAGS -> tags.addAll(effect.ids());
            case REMOVE_TAGS -> tags.removeAll(effect.ids());
        }
        return new Entitlements(groups, tags);
    }

    private static boolean isAccess(SideEffect e) {
        return e.kind() == SideEffect.Kind.GRANT_ACCESS || e.kind() == SideEffect.Kind.REVOKE_ACCESS;
    }

    private static String describe(SideEffect e) {
        return switch (e.kind()) {
            case GRANT_ACCESS -> "circle grant access groups " + e.ids();
            case REVOKE_ACCESS -> "circle revoke access groups " + e.ids();
            case ADD_TAGS -> "kit add tags " + e.ids();
            case REMOVE_TAGS -> "kit remove tags " + e.ids();
        };
    }

    private static String reason(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app) {
            return app.getOriginalMessage();
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }

    private static String firstName(String name) {
        return name == null || name.isBlank() ? null : name.trim().split("\\s+")[0];
    }

    private static long now() {
        return Workflow.currentTimeMillis();
    }
}
