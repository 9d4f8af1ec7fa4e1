package io.memberflow.reconcile;

import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Circle, Kit and Stripe held when a reconciliation run listed them. Circle's group listings name members by id
 * only, so Circle is kept by member id: the paid groups each listed member is in, which customers each member id
 * belongs to (recorded at grant time, or learned by looking the id up), and the listed members whose address belongs
 * to no customer. Kit is kept by normalised address (its listing carries addresses), Stripe's live subscription
 * statuses by customer id. Built once per run by {@link RosterLoader} from list calls; kept in memory only, never
 * logged.
 *
 * <p>{@code stripe} is null when Stripe was not read (no key).
 */
final class Roster {
    final boolean circleRead;
    final boolean kitRead;
    /** Listed member id → the listed groups it is in. */
    final Map<Long, Set<Long>> circleGroups = new HashMap<>();
    /** Member id → its customers (several when customers share an address). */
    final Map<Long, Set<String>> customersByMember = new HashMap<>();
    /** Customer → its member id. */
    final Map<String, Long> memberOf = new HashMap<>();
    /** Listed member id → groups, for members whose address no customer has. */
    final Map<Long, Set<Long>> unknownMembers = new HashMap<>();
    /** Member id shared by several customers → the groups any of them was given (none is "extra" for the others). */
    final Map<Long, Set<Long>> sharedApplied = new HashMap<>();
    /** Normalised address shared by several customers → the tags any of them was given (none is "extra" for the others). */
    final Map<String, Set<Long>> kitSharedApplied = new HashMap<>();
    final Map<String, Set<Long>> kitTags = new HashMap<>();
    final Map<String, String> kitStates = new HashMap<>();
    @Nullable
    final Map<String, Set<String>> stripe;

    Roster(boolean circleRead, boolean kitRead, boolean stripeRead) {
        this.circleRead = circleRead;
        this.kitRead = kitRead;
        this.stripe = stripeRead ? new HashMap<>() : null;
    }

    static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    void circleListed(long group, long memberId) {
        circleGroups.computeIfAbsent(memberId, k -> new HashSet<>()).add(group);
    }

    /** Links a customer to its member id. */
    void link(String customerId, long memberId) {
        customersByMember.computeIfAbsent(memberId, k -> new HashSet<>()).add(customerId);
        memberOf.put(customerId, memberId);
    }

    /** The listed groups the customer's member is in (none when the customer has no member or is not listed). */
    Set<Long> circleGroupsOf(String customerId) {
        Long member = memberOf.get(customerId);
        return member == null ? Set.of() : circleGroups.getOrDefault(member, Set.of());
    }

    /** Groups another customer sharing this customer's member was given. */
    Set<Long> appliedBySharers(String customerId) {
        Long member = memberOf.get(customerId);
        return member == null ? Set.of() : sharedApplied.getOrDefault(member, Set.of());
    }

    /** Tags another customer with the same address was given. */
    Set<Long> tagsGivenToSharers(String email) {
        return kitSharedApplied.getOrDefault(key(email), Set.of());
    }

    void kitSubscriber(long tag, String email, String state) {
        kitTags.computeIfAbsent(key(email), k -> new HashSet<>()).add(tag);
        kitStates.put(key(email), state == null ? "active" : state);
    }

    void stripeSubscription(String customerId, String status) {
        stripe.computeIfAbsent(customerId, k -> new HashSet<>()).add(status);
    }

    Set<Long> kitTagsOf(String email) {
        return kitTags.getOrDefault(key(email), Set.of());
    }

    /** False for a subscriber Kit lists as unsubscribed (cancelled), bounced or complained. */
    boolean kitActive(String email) {
        String state = kitStates.get(key(email));
        return state == null || state.equals("active") || state.equals("inactive");
    }

    Set<String> stripeStatuses(String customerId) {
        return stripe == null ? Set.of() : stripe.getOrDefault(customerId, Set.of());
    }
}
