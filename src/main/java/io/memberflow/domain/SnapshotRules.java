package io.memberflow.domain;

import java.util.Comparator;
import java.util.List;

/**
 * Billing state from a read of Stripe ({@link BillingSnapshot}). The read is the newest truth there is, so it
 * moves the ordering watermark to its own time and nothing delivered later with an older {@code created} can
 * undo it.
 */
final class SnapshotRules {
    private final BillingRules rules;

    SnapshotRules(BillingRules rules) {
        this.rules = rules;
    }

    /** Applies the snapshot to the draft and returns a note for the timeline. */
    String apply(MemberState.Builder d, BillingSnapshot s, long nowMillis) {
        d.contact(s.email(), s.name(), s.readAtSeconds());
        d.billingAsOfSeconds(Math.max(d.build().billingAsOfSeconds(), s.readAtSeconds()));
        if (!s.found() || s.deleted()) {
            if (!s.found() && s.subscriptions().isEmpty()) {
                return "Stripe does not know customer " + s.customerId() + "; billing status kept";
            }
            d.billingStatus(MemberStatus.CANCELED);
            d.endSubscription(d.subscriptionId());
            return "customer deleted in Stripe";
        }
        for (BillingSnapshot.SubscriptionFacts sub : s.subscriptions()) {
            if (sub.ended()) {
                d.endSubscription(sub.id());
            }
        }
        BillingSnapshot.SubscriptionFacts current = s.subscriptions().stream()
                .min(Comparator.comparingInt(BillingSnapshot.SubscriptionFacts::rank)
                        .thenComparing(Comparator.comparingLong(BillingSnapshot.SubscriptionFacts::created).reversed()))
                .orElse(null);
        if (current == null) {
            return "read from Stripe: no subscription; billing status kept";
        }
        d.subscriptionId(current.id());
        rules.subscriptionPlan(d, current.priceIds());
        BillingRules.Step step = rules.subscriptionStatus(d, current.id(), current.status(),
                current.cancelAtPeriodEnd(), current.currentPeriodEnd(), nowMillis);
        List<String> others = s.subscriptions().stream().filter(x -> x != current && !x.ended())
                .map(x -> x.id() + " " + x.status()).toList();
        return "read from Stripe: " + step.note() + (others.isEmpty() ? "" : " (also " + String.join(", ", others) + ")");
    }
}
