package io.memberflow.workflow;

import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;
import io.memberflow.domain.SideEffectPlanner;
import io.memberflow.domain.SideEffect;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

import java.util.List;

import static io.memberflow.workflow.SideEffects.isAccess;

/**
 * Brings Circle and Kit to what the member's state requires, inside the workflow: runs the side effects
 * {@link SideEffectPlanner} lists between what is applied and what is desired. Access effects run first and in the
 * main loop; tag effects run in a separate lane so a Kit outage never delays Circle access, and plan tags are added
 * only once the access they follow exists. An effect that still fails after its activity retries leaves the state
 * recoverable: the failure is recorded, one support task is opened for it, and the same diff is attempted again on
 * the next event or {@code retrySync}. A changed e-mail address moves what is applied to the new address.
 *
 * <p>Owns the sync lane's state: whether a failure holds the sync ({@link #release}, {@link #requestSync} lift it),
 * whether an operator or a repair asked for a sync pass, and whether the marketing lane is running.
 */
final class VendorSync {
    /** Version marker: 1 = move groups and tags to a changed e-mail address (see {@link #moveToNewEmail}). */
    static final String EMAIL_CHANGE = "email-change";
    /**
     * Version marker: 1 = a plan of exactly a grant and tags to add (a signup) runs as one activity task,
     * {@link AccessAndTagsActivities}, instead of a grant, a workflow task, then the tags.
     */
    static final String GRANT_THEN_TAG = "grant-then-tag";
    private final CustomerBook book;
    private final Versions versions;
    private final EffectRunner runner;
    private final AddressGuard guard;
    private EntitlementMachine machine;
    /** Set when a side effect failed for good: nothing is retried until an event, a deadline or an operator says so. */
    private boolean held;
    /** An operator action or a drift repair asked for a pass since the loop's pass began. */
    private boolean requested;
    /** The marketing lane runs (main loop and lane take turns on one thread). */
    private boolean marketingRunning;

    VendorSync(CustomerBook book, ActivityPolicies policies, Versions versions) {
        this.book = book;
        this.versions = versions;
        this.guard = new AddressGuard(book, policies, versions);
        this.runner = new EffectRunner(book, policies, versions, guard, () -> held = true);
    }

    /** The loop's pass begins: a sync asked for before it is part of this pass. */
    void beginPass() {
        requested = false;
    }

    /** An event or a deadline changed what billing wants: a held sync goes again. */
    void release() {
        held = false;
    }

    /** An operator action or a drift repair: the loop makes another pass, and a held sync goes again. */
    void requestSync() {
        requested = true;
        held = false;
    }

    boolean syncRequested() {
        return requested;
    }

    boolean marketingIdle() {
        return !marketingRunning;
    }

    void reconcile(EntitlementMachine current) {
        this.machine = current;
        MemberState member = book.record().member();
        String usedEmail = book.record().appliedEmail();
        if (member.email() != null && !held && !marketingRunning && usedEmail != null
                && !usedEmail.equalsIgnoreCase(member.email()) && !isEmpty(member.applied())
                && Workflow.getVersion(EMAIL_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
            moveToNewEmail(usedEmail, member.applied());
        }
        List<SideEffect> plan = pending();
        if (plan.isEmpty()) {
            clearFailureIfInSync();
            return;
        }
        if (book.record().member().email() == null || held) {
            return; // vendors address members by e-mail: wait for an event that brings it; or held after a failure
        }
        if (grantThenTag(plan)) {
            runner.runTogether(plan.get(0), plan.get(1));
        } else {
            for (SideEffect effect : plan) {
                if (isAccess(effect) && !runner.run(effect)) {
                    break;
                }
            }
        }
        if (!marketingRunning && pending().stream().anyMatch(e -> !isAccess(e))) {
            marketingRunning = true;
            Async.procedure(this::marketingLane);
        }
        clearFailureIfInSync();
    }

    private void clearFailureIfInSync() {
        if (book.record().lastFailure() != null && !marketingRunning && pending().isEmpty()) {
            book.change(r -> r.withFailure(null).noting(now(), "sync", "in sync again"));
        }
    }

    /**
     * The member's e-mail changed while they hold groups and tags under the old one (Circle and Kit address them by
     * e-mail): grant everything under the new address first, so access has no gap, then remove it from the old
     * one. A failed clean-up opens a support task naming what is left at the old address.
     */
    private void moveToNewEmail(String oldEmail, Entitlements old) {
        MemberState m = book.record().member();
        String cause = book.record().lastEventId() == null ? "sync" : book.record().lastEventId();
        book.change(r -> r.withMember(m.withApplied(Entitlements.none())).withAppliedEmail(null)
                .noting(now(), "decision", "e-mail changed: moving Circle groups " + old.accessGroupIds()
                        + " and Kit tags " + old.tagIds() + " to the new address"));
        for (SideEffect effect : pending()) {
            if (effect.kind() == SideEffect.Kind.GRANT_ACCESS && !runner.run(effect)) {
                return; // nothing removed from the old address while the new one has no access
            }
        }
        guard.cleanUpOldAddress(m, oldEmail, old, cause);
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
                if (next == null || held || !runner.run(next)) {
                    break;
                }
            }
        } finally {
            marketingRunning = false;
        }
        clearFailureIfInSync();
    }

    private List<SideEffect> pending() {
        MemberState member = book.record().member();
        return SideEffectPlanner.plan(member.applied(), machine.desired(member));
    }

    private boolean accessInSync() {
        MemberState member = book.record().member();
        return member.applied().accessGroupIds().equals(machine.desired(member).accessGroupIds());
    }

    /** A signup's plan: a grant, then the tags that follow it, nothing else; asked only for such a plan. */
    private boolean grantThenTag(List<SideEffect> plan) {
        return plan.size() == 2 && plan.get(0).kind() == SideEffect.Kind.GRANT_ACCESS
                && plan.get(1).kind() == SideEffect.Kind.ADD_TAGS && !marketingRunning
                && Workflow.getVersion(GRANT_THEN_TAG, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /** The side effects still to do, described for the {@code pending} query. */
    List<String> describePending() {
        return machine == null ? List.of() : pending().stream().map(SideEffects::describe).toList();
    }

    private static long now() {
        return Workflow.currentTimeMillis();
    }
}
