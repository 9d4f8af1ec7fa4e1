package io.memberflow.workflow;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagChange;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;
import io.memberflow.domain.SideEffectPlanner;
import io.memberflow.domain.SideEffect;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings Circle and Kit to what the member's state requires, inside the workflow: runs the side effects
 * {@link SideEffectPlanner} lists between what is applied and what is desired. Access effects run first and in the
 * main loop; tag effects run in a separate lane so a Kit outage never delays Circle access, and plan tags are added
 * only once the access they follow exists. An effect that still fails after its activity retries leaves the state
 * recoverable: the failure is recorded, one support task is opened for it, and the same diff is attempted again on
 * the next event or {@code retrySync}. A changed e-mail address moves what is applied to the new address.
 */
final class VendorSync {
    /** Version marker: 1 = move groups and tags to a changed e-mail address (see {@link #moveToNewEmail}). */
    static final String EMAIL_CHANGE = "email-change";
    private final WorkflowContext ctx;
    private final Versions versions;
    private final CommunityAccessActivities access;
    private final MarketingActivities marketing;
    private final AddressGuard guard;
    private EntitlementMachine machine;

    VendorSync(WorkflowContext ctx, ActivityPolicies policies, Versions versions) {
        this.ctx = ctx;
        this.versions = versions;
        this.access = Workflow.newActivityStub(CommunityAccessActivities.class, policies.vendor());
        this.marketing = Workflow.newActivityStub(MarketingActivities.class, policies.vendor());
        this.guard = new AddressGuard(ctx, policies);
    }

    void reconcile(EntitlementMachine current) {
        this.machine = current;
        MemberState member = ctx.book.record().member();
        String usedEmail = ctx.book.record().appliedEmail();
        if (member.email() != null && !ctx.syncHeld && !ctx.marketingRunning && usedEmail != null
                && !usedEmail.equalsIgnoreCase(member.email()) && !isEmpty(member.applied())
                && Workflow.getVersion(EMAIL_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
            moveToNewEmail(usedEmail, member.applied());
        }
        List<SideEffect> plan = pending();
        if (plan.isEmpty()) {
            clearFailureIfInSync();
            return;
        }
        if (ctx.book.record().member().email() == null || ctx.syncHeld) {
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
        if (ctx.book.record().lastFailure() != null && !ctx.marketingRunning && pending().isEmpty()) {
            ctx.book.change(r -> r.withFailure(null).noting(now(), "sync", "in sync again"));
        }
    }

    /**
     * The member's e-mail changed while they hold groups and tags under the old one (Circle and Kit address them by
     * e-mail): grant everything under the new address first, so access has no gap, then remove it from the old
     * one. A failed clean-up opens a support task naming what is left at the old address.
     */
    private void moveToNewEmail(String oldEmail, Entitlements old) {
        MemberState m = ctx.book.record().member();
        String cause = ctx.book.record().lastEventId() == null ? "sync" : ctx.book.record().lastEventId();
        ctx.book.change(r -> r.withMember(m.withApplied(Entitlements.none())).withAppliedEmail(null)
                .noting(now(), "decision", "e-mail changed: moving Circle groups " + old.accessGroupIds()
                        + " and Kit tags " + old.tagIds() + " to the new address"));
        for (SideEffect effect : pending()) {
            if (effect.kind() == SideEffect.Kind.GRANT_ACCESS && !run(effect)) {
                return; // nothing removed from the old address while the new one has no access
            }
        }
        try {
            Set<Long> groups = removable(new SideEffect(SideEffect.Kind.REVOKE_ACCESS, old.accessGroupIds()), oldEmail);
            if (!groups.isEmpty()) {
                access.revokeAccess(new AccessChange(m.customerId(), oldEmail, m.name(), groups, cause));
            }
            Set<Long> tags = removable(new SideEffect(SideEffect.Kind.REMOVE_TAGS, old.tagIds()), oldEmail);
            if (!tags.isEmpty()) {
                marketing.removeTags(new TagChange(m.customerId(), oldEmail, null, tags, cause));
            }
            ctx.book.change(r -> r.noting(now(), "side-effect", "old address: circle revoke access groups "
                    + groups + ", kit remove tags " + tags + " done"));
        } catch (ActivityFailure failure) {
            String message = "clean-up of the old e-mail address failed: " + Failures.reason(failure);
            ctx.book.change(r -> r.noting(now(), "failure", message));
            ctx.book.openTask("email_change_cleanup", cause, cause, message, Map.of(
                    "circleAccessGroupsAtOldAddress", String.valueOf(old.accessGroupIds()),
                    "kitTagsAtOldAddress", String.valueOf(old.tagIds()),
                    "recover", "remove the old address from these groups and tags by hand"));
        }
    }

    /** What of a removal at the old address nobody else there requires (all of it before {@code shared-address}). */
    private Set<Long> removable(SideEffect effect, String email) {
        if (!versions.sharedAddress() || effect.ids().isEmpty()) {
            return effect.ids();
        }
        return guard.before(effect, email, "old address: " + describe(effect)).remove();
    }

    private static boolean isEmpty(Entitlements e) {
        return e.accessGroupIds().isEmpty() && e.tagIds().isEmpty();
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
        MemberState member = ctx.book.record().member();
        return SideEffectPlanner.plan(member.applied(), machine.desired(member));
    }

    private boolean accessInSync() {
        MemberState member = ctx.book.record().member();
        return member.applied().accessGroupIds().equals(machine.desired(member).accessGroupIds());
    }

    /**
     * Runs one effect; true when it succeeded. From {@code shared-address}, a removal first keeps what another customer
     * of the address requires (those ids count as done for this customer) and looks again afterwards
     * ({@link AddressGuard}).
     */
    private boolean run(SideEffect effect) {
        MemberState m = ctx.book.record().member();
        String cause = ctx.book.record().lastEventId() == null ? "sync" : ctx.book.record().lastEventId();
        SideEffect doing = effect;
        boolean guarded = versions.sharedAddress() && removes(effect);
        try {
            if (guarded) {
                AddressGuard.Check check = guard.before(effect, m.email(), describe(effect));
                if (!check.remove().equals(effect.ids())) {
                    Set<Long> kept = new HashSet<>(effect.ids());
                    kept.removeAll(check.remove());
                    ctx.book.change(r -> r.withMember(r.member().withApplied(
                            after(r.member().applied(), new SideEffect(effect.kind(), kept)))));
                }
                if (check.remove().isEmpty()) {
                    return true;
                }
                doing = new SideEffect(effect.kind(), check.remove());
            }
            switch (doing.kind()) {
                case GRANT_ACCESS -> access.grantAccess(new AccessChange(m.customerId(), m.email(), m.name(), doing.ids(), cause));
                case REVOKE_ACCESS -> access.revokeAccess(new AccessChange(m.customerId(), m.email(), m.name(), doing.ids(), cause));
                case ADD_TAGS -> marketing.addTags(new TagChange(m.customerId(), m.email(), firstName(m.name()), doing.ids(), cause));
                case REMOVE_TAGS -> marketing.removeTags(new TagChange(m.customerId(), m.email(), firstName(m.name()), doing.ids(), cause));
            }
        } catch (ActivityFailure failure) {
            ctx.syncHeld = true;
            String message = describe(doing) + " failed: " + Failures.reason(failure);
            ctx.book.change(r -> r.withFailure(message).noting(now(), "failure", message));
            Workflow.getLogger(VendorSync.class).warn("{} for {}", message, m.customerId());
            String vendor = isAccess(effect) ? "circle" : "kit";
            ctx.book.openTask("sync_failed", vendor, cause, message, Map.of(
                    "vendor", vendor,
                    "effect", describe(doing),
                    "state", m.status().name(),
                    "plan", String.valueOf(m.planName()),
                    "lastEventId", String.valueOf(ctx.book.record().lastEventId()),
                    "recover", "fix the cause, then signal retrySync (see workflows.md)"));
            return false;
        }
        SideEffect done = doing;
        ctx.book.change(r -> r.withMember(r.member().withApplied(after(r.member().applied(), done)))
                .withAppliedEmail(m.email())
                .noting(now(), "side-effect", describe(done) + " done"));
        if (guarded) { // also when nobody else was there: a customer may have appeared meanwhile
            try {
                guard.after(done, m.email());
            } catch (ActivityFailure failure) {
                ctx.book.change(r -> r.noting(now(), "failure", "could not look again at the customers of the same"
                        + " address after " + describe(done) + ": " + Failures.reason(failure)));
            }
        }
        return true;
    }

    private static boolean removes(SideEffect e) {
        return e.kind() == SideEffect.Kind.REVOKE_ACCESS || e.kind() == SideEffect.Kind.REMOVE_TAGS;
    }

    /** The side effects still to do, described for the {@code pending} query. */
    List<String> describePending() {
        return machine == null ? List.of() : pending().stream().map(VendorSync::describe).toList();
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

    private static String firstName(String name) {
        return name == null || name.isBlank() ? null : name.trim().split("\\s+")[0];
    }

    private static long now() {
        return Workflow.currentTimeMillis();
    }
}
