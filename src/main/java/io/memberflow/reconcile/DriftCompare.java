package io.memberflow.reconcile;

import io.memberflow.persistence.CustomerView;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares one customer's record ({@code customer_view}: the groups and tags its workflow applied, its state) with
 * a {@link Roster}: Circle by the customer's member id, Kit by address, Stripe by customer id. No I/O. Only configured
 * groups and tags count as extra: anything else in Circle or Kit is none of memberflow's business; and a group or tag
 * another customer sharing the same Circle member or address was given is not extra for this one.
 */
final class DriftCompare {
    private static final Set<String> ACCESS_STATES = Set.of("ACTIVE", "TRIALING", "PAST_DUE");
    /** States that Stripe alone decides; a refund, a block or an override are decided elsewhere. */
    private static final Set<String> BILLING_STATES = Set.of("LEAD", "ACTIVE", "TRIALING", "PAST_DUE", "SUSPENDED",
            "PAUSED", "CANCELED");
    private static final Set<String> STRIPE_ACCESS = Set.of("active", "trialing", "past_due");

    private final Set<Long> paidGroups;
    private final Set<Long> configuredTags;

    DriftCompare(Set<Long> paidGroups, Set<Long> configuredTags) {
        this.paidGroups = Set.copyOf(paidGroups);
        this.configuredTags = Set.copyOf(configuredTags);
    }

    /**
     * @param suppressed whether Kit reported the address as unsubscribed, bounced or complained (memberflow then adds
     *                   no tag, so a missing tag is not drift)
     */
    CustomerDrift compare(CustomerView view, Roster roster, Predicate<String> suppressed) {
        String billing = billing(view, roster);
        String email = view.email();
        if (email == null || email.isBlank()) {
            boolean applied = !view.circleAccessGroupIds().isEmpty() || !view.kitTagIds().isEmpty();
            return new CustomerDrift(view.customerId(), Set.of(), Set.of(), Set.of(), Set.of(), billing, applied);
        }
        Set<Long> circleMissing = new TreeSet<>();
        Set<Long> circleExtra = new TreeSet<>();
        if (roster.circleRead) {
            Set<Long> held = roster.circleGroupsOf(view.customerId());
            view.circleAccessGroupIds().stream().filter(g -> !held.contains(g)).forEach(circleMissing::add);
            Set<Long> givenToSharers = roster.appliedBySharers(view.customerId());
            held.stream().filter(g -> paidGroups.contains(g) && !view.circleAccessGroupIds().contains(g)
                    && !givenToSharers.contains(g)).forEach(circleExtra::add);
        }
        Set<Long> tagMissing = new TreeSet<>();
        Set<Long> tagExtra = new TreeSet<>();
        if (roster.kitRead) {
            Set<Long> held = roster.kitTagsOf(email);
            view.kitTagIds().stream().filter(t -> !held.contains(t)).forEach(tagMissing::add);
            if (!tagMissing.isEmpty() && (!roster.kitActive(email) || suppressed.test(email))) {
                tagMissing.clear(); // memberflow adds no tag to an unsubscribed, bounced or complained address
            }
            Set<Long> givenToSharers = roster.tagsGivenToSharers(email);
            held.stream().filter(t -> configuredTags.contains(t) && !view.kitTagIds().contains(t)
                    && !givenToSharers.contains(t)).forEach(tagExtra::add);
        }
        return new CustomerDrift(view.customerId(), circleMissing, circleExtra, tagMissing, tagExtra, billing, false);
    }

    private static String billing(CustomerView view, Roster roster) {
        if (roster.stripe == null || view.state() == null || !BILLING_STATES.contains(view.state())
                || view.override() != null && !view.override().equals("NONE")) {
            return null;
        }
        Set<String> statuses = roster.stripeStatuses(view.customerId());
        boolean stripeAccess = statuses.stream().anyMatch(STRIPE_ACCESS::contains);
        boolean recordAccess = ACCESS_STATES.contains(view.state());
        if (recordAccess && !stripeAccess) {
            return CustomerDrift.STRIPE_ENDED;
        }
        if (!recordAccess && (statuses.contains("active") || statuses.contains("trialing"))) {
            return CustomerDrift.STRIPE_STARTED;
        }
        return null;
    }
}
