package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.BASIC_PRICE;
import static io.memberflow.domain.Fixtures.CUSTOMER;
import static io.memberflow.domain.Fixtures.PRO_PRICE;
import static io.memberflow.domain.Fixtures.T;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates plausible per-customer input histories from a seeded {@link Random}: Stripe events in roughly
 * chronological order, then locally reordered, redelivered and occasionally fully shuffled, interleaved with
 * timer checks and operator actions. Some events come as pairs delivered newest first: a full refund followed
 * by an older payment, or a dispute closure followed by its opening.
 */
final class RandomBillingHistory {
    private static final long DAY_SECONDS = 86_400L;
    private static final String[] SUBSCRIPTION_STATUSES = {"trialing", "active", "past_due", "unpaid", "canceled",
            "incomplete", "incomplete_expired", "paused", null, "something_new"};
    private static final String[] SNAPSHOT_TYPES = {"customer.subscription.created", "customer.subscription.updated",
            "customer.subscription.updated", "customer.subscription.updated", "customer.subscription.paused",
            "customer.subscription.resumed"};
    private static final String[] DISPUTE_OUTCOMES = {"won", "lost", "warning_closed", "under_review", null};
    private static final String[] DISPUTE_IDS = {"dp_1", "dp_1", "dp_2", "dp_3"};

    /** One input to the member workflow. */
    sealed interface Input permits Event, Tick, Operator {
    }

    record Event(BillingEvent event) implements Input {
    }

    /** The timer fires; workflow time moves forward by {@code advanceMillis} first. */
    record Tick(long advanceMillis) implements Input {
    }

    /** An operator signal: a new override, or a block toggled. */
    record Operator(AccessOverride override, boolean toggleBlock) implements Input {
    }

    private final Random random;
    private int counter;

    RandomBillingHistory(long seed) {
        this.random = new Random(seed);
    }

    List<Input> next() {
        int length = 1 + random.nextInt(30);
        List<Input> inputs = new ArrayList<>();
        long created = T + random.nextInt(1000);
        for (int i = 0; i < length; i++) {
            created += random.nextInt(4) == 0 ? 0 : random.nextInt((int) (5 * DAY_SECONDS));
            int roll = random.nextInt(100);
            if (roll < 8) {
                inputs.add(new Tick(random.nextInt(6) * 86_400_000L + random.nextInt(3_600_000)));
            } else if (roll < 11) {
                AccessOverride[] overrides = AccessOverride.values();
                inputs.add(new Operator(overrides[random.nextInt(overrides.length)], random.nextBoolean()));
            } else if (roll < 17) {
                reversedPair(created).forEach(e -> inputs.add(new Event(e)));
            } else {
                inputs.add(new Event(event(created)));
            }
        }
        disorder(inputs);
        return inputs;
    }

    private void disorder(List<Input> inputs) {
        for (int i = 0; i + 1 < inputs.size(); i++) {
            if (random.nextInt(100) < 25) {
                Collections.swap(inputs, i, i + 1);
            }
        }
        int redeliveries = random.nextInt(4);
        for (int i = 0; i < redeliveries && !inputs.isEmpty(); i++) {
            Input again = inputs.get(random.nextInt(inputs.size()));
            if (again instanceof Event) {
                inputs.add(random.nextInt(inputs.size() + 1), again);
            }
        }
        if (random.nextInt(10) == 0) {
            Collections.shuffle(inputs, random);
        }
    }

    private BillingEvent event(long created) {
        String id = "evt_" + (++counter);
        String subscription = pick("sub_1", "sub_1", "sub_1", "sub_2", "sub_3");
        int kind = random.nextInt(100);
        if (kind < 35) {
            return builder(id, pick(SNAPSHOT_TYPES), created).subscriptionId(subscription)
                    .subscriptionStatus(pick(SUBSCRIPTION_STATUSES)).priceIds(prices())
                    .cancelAtPeriodEnd(pick(Boolean.TRUE, Boolean.FALSE, Boolean.FALSE, null))
                    .currentPeriodEnd(random.nextInt(5) == 0 ? null : created + random.nextInt((int) (40 * DAY_SECONDS)))
                    .build();
        }
        if (kind < 42) {
            return builder(id, "customer.subscription.deleted", created).subscriptionId(subscription)
                    .subscriptionStatus("canceled").priceIds(prices()).build();
        }
        if (kind < 62) {
            return builder(id, pick("invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed",
                    "invoice.payment_action_required", "invoice.created", "invoice.finalized"), created)
                    .subscriptionId(pick(subscription, subscription, null)).invoiceId("in_" + id).priceIds(prices())
                    .amountPaid(pick(0L, 1999L, 4900L, null)).build();
        }
        if (kind < 70) {
            return builder(id, "checkout.session.completed", created).subscriptionId(pick(subscription, null))
                    .checkoutMode(pick("subscription", "payment", "setup", null))
                    .paymentStatus(pick("paid", "unpaid", "no_payment_required", null)).priceIds(prices())
                    .email(pick("buyer@example.com", null)).build();
        }
        if (kind < 78) {
            long amount = pick(1999L, 4900L);
            return builder(id, "charge.refunded", created).chargeId("ch_" + id).amount(pick(amount, amount, null))
                    .amountRefunded(pick(amount, amount / 2, 0L, null)).build();
        }
        if (kind < 86) {
            boolean opened = random.nextBoolean();
            return opened ? disputeOpened(id, pick(DISPUTE_IDS), created)
                    : disputeClosed(id, pick(DISPUTE_OUTCOMES), pick(DISPUTE_IDS), created);
        }
        if (kind < 95) {
            return builder(id, pick("customer.updated", "customer.updated", "customer.created", "customer.deleted",
                    "customer.subscription.trial_will_end"), created).subscriptionId(pick(subscription, null))
                    .email(pick("a@example.com", "b@example.com", null)).name(pick("Ada", "Bo", null)).build();
        }
        if (kind < 98) {
            return builder(id, pick("payment_intent.succeeded", "invoice.upcoming", "charge.succeeded"), created)
                    .build();
        }
        return BillingEvent.builder(id, "invoice.paid", created, "cus_other").amountPaid(1999L).build();
    }

    /** Two events delivered newest first: the second was created up to a day before the first. */
    private List<BillingEvent> reversedPair(long created) {
        long older = created - random.nextInt((int) DAY_SECONDS);
        String first = "evt_" + (++counter);
        String second = "evt_" + (++counter);
        if (random.nextBoolean()) {
            String disputeId = pick(DISPUTE_IDS);
            return List.of(disputeClosed(first, pick("won", "won", "warning_closed", "lost"), disputeId, created),
                    disputeOpened(second, disputeId, older));
        }
        long amount = pick(1999L, 4900L);
        BillingEvent refund = builder(first, "charge.refunded", created).chargeId("ch_" + first).amount(amount)
                .amountRefunded(amount).build();
        BillingEvent payment = random.nextBoolean()
                ? builder(second, pick("invoice.paid", "invoice.payment_succeeded"), older).subscriptionId("sub_1")
                        .invoiceId("in_" + second).priceIds(prices()).amountPaid(amount).build()
                : builder(second, "checkout.session.completed", older).subscriptionId("sub_1")
                        .checkoutMode("subscription").paymentStatus("paid").priceIds(prices()).build();
        return List.of(refund, payment);
    }

    private BillingEvent disputeOpened(String id, String disputeId, long created) {
        return builder(id, "charge.dispute.created", created).chargeId("ch_1").disputeId(disputeId).amount(1999L)
                .disputeReason(pick("fraudulent", null)).disputeStatus("needs_response").build();
    }

    private BillingEvent disputeClosed(String id, String status, String disputeId, long created) {
        return builder(id, "charge.dispute.closed", created).chargeId("ch_1").disputeId(disputeId).amount(1999L)
                .disputeStatus(status).build();
    }

    private List<String> prices() {
        return switch (random.nextInt(6)) {
            case 0 -> List.of();
            case 1 -> List.of("price_unknown");
            case 2 -> List.of(PRO_PRICE);
            case 3 -> List.of("price_addon", BASIC_PRICE, PRO_PRICE);
            default -> List.of(BASIC_PRICE);
        };
    }

    private static BillingEvent.Builder builder(String id, String type, long created) {
        return BillingEvent.builder(id, type, created, CUSTOMER);
    }

    @SafeVarargs
    private <V> V pick(V... values) {
        return values[random.nextInt(values.length)];
    }
}
