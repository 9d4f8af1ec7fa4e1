package io.memberflow.workflow;

import io.memberflow.activities.AccessAndTagsActivities;
import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.GrantThenTag;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagChange;
import io.memberflow.activities.TagOutcome;
import io.memberflow.domain.MemberState;
import io.memberflow.domain.SideEffect;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.memberflow.workflow.SideEffects.after;
import static io.memberflow.workflow.SideEffects.describe;
import static io.memberflow.workflow.SideEffects.firstName;
import static io.memberflow.workflow.SideEffects.isAccess;
import static io.memberflow.workflow.SideEffects.removes;

/**
 * Runs side effects for {@link VendorSync} through the vendor activities and writes what came of them into the
 * record: an effect done moves into what is applied; an effect that still fails after its activity's retries is
 * recorded as the customer's failure with one support task, and the owner's sync is held.
 */
final class EffectRunner {
    /**
     * Version marker: 1 = a signup's grant and tags are tried once as a local activity, inside the workflow task that
     * planned them; only when that try fails do they run as the {@code GrantAccessThenAddTags} activity with its
     * retries, as before.
     */
    static final String GRANT_IN_TASK = "grant-in-task";
    private final CustomerBook book;
    private final Versions versions;
    private final AddressGuard guard;
    private final CommunityAccessActivities access;
    private final MarketingActivities marketing;
    private final AccessAndTagsActivities accessAndTags;
    /** The same pair as a local activity: one try inside the workflow task (version {@value #GRANT_IN_TASK}). */
    private final AccessAndTagsActivities accessAndTagsInTask;
    /** Holds the owner's sync; called first on a failure, before the support task is opened. */
    private final Runnable hold;

    EffectRunner(CustomerBook book, ActivityPolicies policies, Versions versions, AddressGuard guard, Runnable hold) {
        this.book = book;
        this.hold = hold;
        this.versions = versions;
        this.guard = guard;
        this.access = Workflow.newActivityStub(CommunityAccessActivities.class, policies.vendor());
        this.marketing = Workflow.newActivityStub(MarketingActivities.class, policies.vendor());
        this.accessAndTags = Workflow.newActivityStub(AccessAndTagsActivities.class, policies.vendor());
        this.accessAndTagsInTask = Workflow.newLocalActivityStub(AccessAndTagsActivities.class, policies.vendorInTask());
    }

    /**
     * Runs one effect; true when it succeeded. From {@code shared-address}, a removal first keeps what another customer
     * of the address requires (those ids count as done for this customer) and looks again afterwards
     * ({@link AddressGuard}).
     */
    boolean run(SideEffect effect) {
        MemberState m = book.record().member();
        String cause = book.record().lastEventId() == null ? "sync" : book.record().lastEventId();
        SideEffect doing = effect;
        boolean guarded = versions.sharedAddress() && removes(effect);
        try {
            if (guarded) {
                AddressGuard.Check check = guard.before(effect, m.email(), describe(effect));
                if (!check.remove().equals(effect.ids())) {
                    Set<Long> kept = new HashSet<>(effect.ids());
                    kept.removeAll(check.remove());
                    book.change(r -> r.withMember(r.member().withApplied(
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
            failed(doing, failure, m, cause);
            return false;
        }
        SideEffect done = doing;
        applied(done, m);
        if (guarded) { // also when nobody else was there: a customer may have appeared meanwhile
            try {
                guard.after(done, m.email());
            } catch (ActivityFailure failure) {
                book.note(now(), "failure", "could not look again at the customers of the same"
                        + " address after " + describe(done) + ": " + Failures.reason(failure));
            }
        }
        return true;
    }


    /**
     * The grant and its tags as one unit: one activity task, or from version {@value #GRANT_IN_TASK} first one try inside
     * the workflow task ({@link #tryInTask}). A failed grant is recorded as {@link #run} records it (false); tags Kit did
     * not take are left pending, so the marketing lane adds them with their own activity and retries.
     */
    boolean runTogether(SideEffect grant, SideEffect tags) {
        MemberState m = book.record().member();
        String cause = book.record().lastEventId() == null ? "sync" : book.record().lastEventId();
        GrantThenTag change = new GrantThenTag(
                new AccessChange(m.customerId(), m.email(), m.name(), grant.ids(), cause),
                new TagChange(m.customerId(), m.email(), firstName(m.name()), tags.ids(), cause));
        TagOutcome outcome = Workflow.getVersion(GRANT_IN_TASK, Workflow.DEFAULT_VERSION, 1) >= 1
                ? tryInTask(change, grant) : null;
        if (outcome == null) {
            try {
                outcome = accessAndTags.grantAccessThenAddTags(change);
            } catch (ActivityFailure failure) {
                failed(grant, failure, m, cause);
                return false;
            }
        }
        applied(grant, m);
        if (outcome.added()) {
            applied(tags, m);
        } else {
            book.note(now(), "failure", describe(tags) + " not done with the grant (" + outcome.failure()
                    + "); trying them on their own");
        }
        return true;
    }

    /**
     * One try of the pair as a local activity: no activity task, no second workflow task, so a signup costs the server
     * one workflow task. Any failure of that try (final ones included, so the activity decides with its own retry
     * rules exactly as before) returns null and is noted; the caller then runs the activity. Both calls are
     * idempotent, so the activity repeats nothing the try did.
     */
    private TagOutcome tryInTask(GrantThenTag change, SideEffect grant) {
        try {
            return accessAndTagsInTask.grantAccessThenAddTags(change);
        } catch (ActivityFailure failure) {
            book.note(now(), "retry", describe(grant) + " not done on its first try in the workflow task ("
                    + Failures.reason(failure) + "); run as an activity with its retries");
            return null;
        }
    }

    private void applied(SideEffect done, MemberState m) {
        book.change(r -> r.withMember(r.member().withApplied(after(r.member().applied(), done)))
                .withAppliedEmail(m.email())
                .noting(now(), "side-effect", describe(done) + " done"));
    }

    /** Holds the sync, records the failure and opens one support task for it. */
    private void failed(SideEffect doing, ActivityFailure failure, MemberState m, String cause) {
        hold.run();
        String message = describe(doing) + " failed: " + Failures.reason(failure);
        book.change(r -> r.withFailure(message).noting(now(), "failure", message));
        Workflow.getLogger(VendorSync.class).warn("{} for {}", message, m.customerId());
        String vendor = isAccess(doing) ? "circle" : "kit";
        book.openTask("sync_failed", vendor, cause, message, Map.of(
                "vendor", vendor,
                "effect", describe(doing),
                "state", m.status().name(),
                "plan", String.valueOf(m.planName()),
                "lastEventId", String.valueOf(book.record().lastEventId()),
                "recover", "fix the cause, then signal retrySync (see workflows.md)"));
    }


    private static long now() {
        return Workflow.currentTimeMillis();
    }
}
