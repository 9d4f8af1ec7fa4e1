package io.memberflow.reconcile;

import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Circle, Kit and Stripe held when a reconciliation run listed them: paid-group members and tag holders by
 * normalised e-mail address, and Stripe's live subscription statuses by customer id. Built once per run by
 * {@link RosterLoader} from list calls (a few hundred requests for 10,000 members instead of one or more per
 * customer). Kept in memory only; never logged.
 *
 * <p>{@code circleUnlisted} holds the groups whose listing gave no e-mail addresses: those are checked per customer.
 * {@code stripe} is null when Stripe was not read (no key).
 */
final class Roster {
    final boolean circleRead;
    final boolean kitRead;
    final Map<String, Set<Long>> circleGroups = new HashMap<>();
    final Map<String, Long> circleMemberIds = new HashMap<>();
    final Set<Long> circleUnlisted = new HashSet<>();
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

    void circleMember(long group, long memberId, String email) {
        circleGroups.computeIfAbsent(key(email), k -> new HashSet<>()).add(group);
        circleMemberIds.put(key(email), memberId);
    }

    void kitSubscriber(long tag, String email, String state) {
        kitTags.computeIfAbsent(key(email), k -> new HashSet<>()).add(tag);
        kitStates.put(key(email), state == null ? "active" : state);
    }

    void stripeSubscription(String customerId, String status) {
        stripe.computeIfAbsent(customerId, k -> new HashSet<>()).add(status);
    }

    Set<Long> circleGroupsOf(String email) {
        return circleGroups.getOrDefault(key(email), Set.of());
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
