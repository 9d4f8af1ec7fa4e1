package io.memberflow.workflow;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.RecordKeepingActivities;
import io.memberflow.activities.SameAddressCustomer;
import io.memberflow.activities.SameAddressQuery;
import io.memberflow.activities.TagChange;
import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;
import io.memberflow.domain.SharedAddress;
import io.memberflow.domain.SideEffect;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Version {@value Versions#SHARED_ADDRESS}: a revoke or an untag never takes what another customer of the same e-mail address
 * requires. Before it, the projection is asked who else is at the address ({@link RecordKeepingActivities#sameAddress},
 * a local activity) and their ids are kept, with a timeline note naming them; after it, the projection is asked again
 * and a customer that has come to require a removed id meanwhile (both workflows acting at once, or a customer new at
 * the address) gets a {@code repairDrift} signal, so its workflow grants it again. Every workflow writes what it
 * requires to the projection before it changes anything at the address ({@link Publication#publishBeforeChanging}),
 * so a grant that a removal could undo is always seen by that second look.
 *
 * <p>Also the second half of an e-mail change ({@link VendorSync}, version {@code email-change}): once everything is
 * granted under the new address, {@link #cleanUpOldAddress} removes it from the old one, keeping (from
 * {@code shared-address}) what other customers of the old address require.
 */
final class AddressGuard {
    /** {@code repairDrift} run ids of this kind name the customer whose removal it repairs. */
    static final String REPAIR_PREFIX = "shared-address:";

    /** What a check decided: the ids to remove. */
    record Check(Set<Long> remove) {
    }

    private final CustomerBook book;
    private final Versions versions;
    private final RecordKeepingActivities projection;
    private final CommunityAccessActivities access;
    private final MarketingActivities marketing;

    AddressGuard(CustomerBook book, ActivityPolicies policies, Versions versions) {
        this.book = book;
        this.versions = versions;
        this.projection = Workflow.newLocalActivityStub(RecordKeepingActivities.class, policies.projection());
        this.access = Workflow.newActivityStub(CommunityAccessActivities.class, policies.vendor());
        this.marketing = Workflow.newActivityStub(MarketingActivities.class, policies.vendor());
    }

    /**
     * Removes {@code old} from {@code oldEmail} after the member's address changed (what nobody else there requires).
     * A failed clean-up opens a support task naming what is left at the old address.
     */
    void cleanUpOldAddress(MemberState m, String oldEmail, Entitlements old, String cause) {
        try {
            Set<Long> groups = removable(new SideEffect(SideEffect.Kind.REVOKE_ACCESS, old.accessGroupIds()), oldEmail);
            if (!groups.isEmpty()) {
                access.revokeAccess(new AccessChange(m.customerId(), oldEmail, m.name(), groups, cause));
            }
            Set<Long> tags = removable(new SideEffect(SideEffect.Kind.REMOVE_TAGS, old.tagIds()), oldEmail);
            if (!tags.isEmpty()) {
                marketing.removeTags(new TagChange(m.customerId(), oldEmail, null, tags, cause));
            }
            book.note(Workflow.currentTimeMillis(), "side-effect", "old address: circle revoke access"
                    + " groups " + groups + ", kit remove tags " + tags + " done");
        } catch (ActivityFailure failure) {
            String message = "clean-up of the old e-mail address failed: " + Failures.reason(failure);
            book.note(Workflow.currentTimeMillis(), "failure", message);
            book.openTask("email_change_cleanup", cause, cause, message, Map.of(
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
        return before(effect, email, "old address: " + SideEffects.describe(effect)).remove();
    }

    /**
     * Keeps what others at {@code email} require of the effect's ids, noting whom for; throws ActivityFailure when the
     * projection cannot be read (the caller then treats the removal as failed: nothing is removed unchecked).
     */
    Check before(SideEffect effect, String email, String described) {
        List<SameAddressCustomer> others = projection.sameAddress(new SameAddressQuery(book.record().customerId(), email));
        Map<String, Set<Long>> required = required(others, effect);
        SortedMap<Long, SortedSet<String>> kept = SharedAddress.kept(effect.ids(), required);
        if (!kept.isEmpty()) {
            String whom = kept.values().stream().flatMap(Set::stream).distinct().sorted()
                    .collect(Collectors.joining(", "));
            book.note(Workflow.currentTimeMillis(), "decision", described + ": kept " + noun(effect)
                    + " " + new TreeSet<>(kept.keySet()) + " at the address, customer " + whom
                    + " of the same e-mail address requires them");
        }
        return new Check(SharedAddress.toRemove(effect.ids(), required));
    }

    /**
     * After {@code removed} was done at the address: a customer there that requires any of it now (it was
     * granted between the check and the removal) is asked to grant it again.
     */
    void after(SideEffect removed, String email) {
        List<SameAddressCustomer> others = projection.sameAddress(new SameAddressQuery(book.record().customerId(), email));
        required(others, removed).forEach((customer, ids) -> {
            Set<Long> lost = new TreeSet<>(ids);
            lost.retainAll(removed.ids());
            if (lost.isEmpty()) {
                return;
            }
            boolean groups = removed.kind() == SideEffect.Kind.REVOKE_ACCESS;
            DriftRepair repair = new DriftRepair(REPAIR_PREFIX + book.record().customerId(), groups ? lost : Set.of(),
                    Set.of(), groups ? Set.of() : lost, Set.of(), false);
            String text = "customer " + customer + " of the same e-mail address came to require " + noun(removed) + " "
                    + lost + " while they were removed: ";
            try {
                Workflow.newExternalWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(customer))
                        .repairDrift(repair);
                book.note(Workflow.currentTimeMillis(), "decision",
                        text + "asked it to add them again");
            } catch (SignalExternalWorkflowException notDelivered) { // no such workflow: reconciliation repairs it
                book.note(Workflow.currentTimeMillis(), "failure", text + "could not signal it ("
                        + notDelivered.getClass().getSimpleName() + ")");
            }
        });
    }

    private static String noun(SideEffect effect) {
        return SideEffects.isAccess(effect) ? "groups" : "tags";
    }

    private static Map<String, Set<Long>> required(List<SameAddressCustomer> others, SideEffect effect) {
        Function<SameAddressCustomer, Set<Long>> ids = effect.kind() == SideEffect.Kind.REVOKE_ACCESS
                || effect.kind() == SideEffect.Kind.GRANT_ACCESS ? SameAddressCustomer::requiredGroupIds
                : SameAddressCustomer::requiredTagIds;
        Map<String, Set<Long>> required = new LinkedHashMap<>();
        others.forEach(o -> required.put(o.customerId(), ids.apply(o)));
        return required;
    }
}
