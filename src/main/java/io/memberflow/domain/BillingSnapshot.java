package io.memberflow.domain;

import java.util.List;

/**
 * What Stripe holds for one customer at the moment it was read: the customer object and all of its
 * subscriptions (canceled ones included). A read is newer than every event received before it started, so it
 * is the input for billing status, plan and contact details whenever a Stripe API key is configured; events are
 * then only triggers (refunds and disputes stay event-driven facts).
 *
 * @param found         false when Stripe does not know the customer (deleted for good, or a guest checkout id)
 * @param deleted       the customer object carries {@code deleted: true}
 * @param readAtSeconds when the read started (epoch seconds, the reader's clock)
 */
public record BillingSnapshot(String customerId, boolean found, boolean deleted, String email, String name,
                              List<SubscriptionFacts> subscriptions, long readAtSeconds) {

    public BillingSnapshot {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    /**
     * One subscription as Stripe has it now. {@code priceIds} are the prices of its current items (never invoice
     * lines, which carry proration credits on old prices); {@code currentPeriodEnd} is epoch seconds.
     */
    public record SubscriptionFacts(String id, String status, List<String> priceIds, boolean cancelAtPeriodEnd,
                                    Long currentPeriodEnd, long created) {
        public SubscriptionFacts {
            priceIds = priceIds == null ? List.of() : List.copyOf(priceIds);
        }

        /** Lower is better: the subscription that gives access wins over one that does not. */
        int rank() {
            return switch (status == null ? "" : status) {
                case "active", "trialing" -> 0;
                case "past_due" -> 1;
                case "unpaid" -> 2;
                case "paused" -> 3;
                case "incomplete" -> 4;
                default -> 5;
            };
        }

        boolean ended() {
            return "canceled".equals(status) || "incomplete_expired".equals(status);
        }
    }
}
