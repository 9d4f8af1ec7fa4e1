package io.memberflow.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of one customer at Stripe, moved by journey steps: each step changes the customer or subscription
 * and creates the events Stripe would send, dated at the step. Used to check that delivery order cannot
 * change the outcome. {@code ids}: the events carry what API 2024-06-20 payloads name (an invoice its charge and
 * payment intent, a charge its invoice); false: the 2025-08-27.basil layout (neither).
 */
final class JourneyModel {
    static final String CUSTOMER = "cus_journey";
    static final long START = 1_760_000_000L;
    /** A price a plan names, sold once (a "lifetime" price). */
    static final String LIFETIME_PRICE = Fixtures.BASIC_YEARLY_PRICE;

    enum Kind { SIGNUP, RENEWAL, PAYMENT_FAILED, RECOVERY, PLAN_CHANGE, EMAIL_CHANGE, CANCEL, PAUSE, RESUME, REFUND,
        DISPUTE_OPEN, DISPUTE_WON, DISPUTE_LOST,
        /** A renewal and a full refund of its charge, in one second. */
        RENEWAL_REFUNDED_AT_ONCE,
        /** A renewal and a full refund of the charge before it, in one second. */
        RENEWAL_AND_OLDER_REFUND,
        /** A new subscription on a 100 %-off coupon: its first invoice paid at $0. */
        FREE_SIGNUP,
        /** A $0 proration invoice of the current subscription. */
        ZERO_PRORATION,
        /** A payment-mode Checkout and its invoice: a lifetime price, or (n = 3) a price in no plan. */
        ONE_OFF,
        /** A full refund of the newest one-off purchase. */
        ONE_OFF_REFUND }

    /** One step: {@code price} for SIGNUP and PLAN_CHANGE, {@code n} picks an address or a dispute id. */
    record Step(Kind kind, String price, int n) {
        @Override
        public String toString() {
            return kind + (kind == Kind.SIGNUP || kind == Kind.PLAN_CHANGE || kind == Kind.FREE_SIGNUP ? "(" + price + ")"
                    : kind == Kind.EMAIL_CHANGE || kind == Kind.ONE_OFF || kind.name().startsWith("DISPUTE") ? "(" + n + ")" : "");
        }
    }

    /** A full refund the model made, for the expected outcome: of charge {@code charge} at {@code at}. */
    private record RefundFact(int charge, long at, boolean oneOff) {
    }

    /** A payment the model made: charge number (0 for none), at, and whether it counts. */
    private record PaymentFact(int charge, long at, boolean charged, boolean oneOff) {
    }

    private final String customer;
    private final boolean ids;
    private final List<BillingEvent> events = new ArrayList<>();
    private final List<Integer> eventSteps = new ArrayList<>();
    private final List<BillingSnapshot> truths = new ArrayList<>();
    private final List<BillingSnapshot.SubscriptionFacts> subscriptions = new ArrayList<>();
    private final Map<String, String> disputes = new HashMap<>();
    private final List<PaymentFact> payments = new ArrayList<>();
    private final List<RefundFact> refunds = new ArrayList<>();
    private final List<Integer> oneOffs = new ArrayList<>();
    private final Map<Integer, Boolean> oneOffForPlan = new HashMap<>();
    private String email;
    private int step;
    private int offset;
    private int charges;
    private int lastSubscriptionCharge;

    private JourneyModel(String customer, boolean ids) {
        this.customer = customer;
        this.ids = ids;
    }

    static JourneyModel play(List<Step> steps) {
        return play(steps, CUSTOMER, true);
    }

    static JourneyModel play(List<Step> steps, String customer, boolean ids) {
        JourneyModel m = new JourneyModel(customer, ids);
        for (Step s : steps) {
            m.offset = 0;
            m.apply(s);
            m.truths.add(m.truth());
            m.step++;
        }
        return m;
    }

    static long stepSeconds(int step) {
        return START + 10L * (step + 1);
    }

    /** A read made while Stripe is at {@code step}: after every change of that step, before the next one. */
    static long readTimeMillis(int step) {
        return (stepSeconds(step) + 5) * 1000;
    }

    String customer() {
        return customer;
    }

    List<BillingEvent> events() {
        return events;
    }

    int stepOfEvent(int i) {
        return eventSteps.get(i);
    }

    int stepCount() {
        return truths.size();
    }

    BillingSnapshot truthAfter(int step) {
        return truths.get(step);
    }

    BillingSnapshot finalTruth() {
        return truths.isEmpty() ? truth() : truths.get(truths.size() - 1);
    }

    /**
     * The refund overlay workflows.md documents, from the model's own record of what happened: a full refund of a
     * subscription charge holds unless a payment of another charge (or a $0 new purchase) came after it — in a later
     * second, or in the same second when the payloads' ids tell the two apart.
     */
    boolean expectedRefunded() {
        return refunds.stream().filter(r -> !r.oneOff()).anyMatch(r -> payments.stream().noneMatch(p ->
                p.charge() != r.charge() && (p.at() > r.at() || (p.at() == r.at() && (ids || !p.charged())))));
    }

    /** A one-off purchase of a plan's price that was not refunded. */
    boolean expectedOneOffStands() {
        return oneOffs.stream().anyMatch(c -> oneOffForPlan.get(c)
                && refunds.stream().noneMatch(r -> r.charge() == c));
    }

    private BillingSnapshot truth() {
        return new BillingSnapshot(customer, true, false, email, "Ada", List.copyOf(subscriptions), 0);
    }

    private BillingSnapshot.SubscriptionFacts current() {
        return subscriptions.isEmpty() ? null : subscriptions.get(subscriptions.size() - 1);
    }

    private void setCurrent(String status, String price) {
        BillingSnapshot.SubscriptionFacts c = current();
        subscriptions.set(subscriptions.size() - 1, new BillingSnapshot.SubscriptionFacts(c.id(), status,
                List.of(price), false, null, c.created()));
    }

    private void apply(Step s) {
        BillingSnapshot.SubscriptionFacts c = current();
        String status = c == null ? "none" : c.status();
        String price = c == null ? null : c.priceIds().get(0);
        switch (s.kind()) {
            case SIGNUP, FREE_SIGNUP -> {
                if (c != null && !c.ended()) {
                    return;
                }
                boolean free = s.kind() == Kind.FREE_SIGNUP;
                email = email == null ? "member@example.com" : email;
                String sub = "sub_" + (subscriptions.size() + 1);
                subscriptions.add(new BillingSnapshot.SubscriptionFacts(sub, "active", List.of(s.price()), false, null,
                        stepSeconds(step)));
                int charge = free ? 0 : ++charges;
                long at = stepSeconds(step) + offset;
                String invoice = free ? "in_free" + step : "in_" + charge;
                emit(event("checkout.session.completed").email(email).subscriptionId(sub).checkoutMode("subscription")
                        .invoiceId(invoice).paymentStatus(free ? "no_payment_required" : "paid")
                        .amount(free ? 0L : 2900L));
                emit(event("customer.subscription.created").subscriptionId(sub).subscriptionStatus("active").priceIds(s.price()));
                emit(invoicePaid(charge, sub, free ? 0L : 2900L, "subscription_create", s.price()).invoiceId(invoice));
                payments.add(new PaymentFact(charge, at, !free, false));
                if (!free) {
                    lastSubscriptionCharge = charge;
                }
            }
            case RENEWAL -> {
                if (status.equals("active") || status.equals("past_due")) {
                    setCurrent("active", price);
                    renew(c.id(), price, "subscription_cycle");
                }
            }
            case PAYMENT_FAILED -> {
                if (status.equals("active")) {
                    setCurrent("past_due", price);
                    emit(event("invoice.payment_failed").email(email).subscriptionId(c.id()).priceIds(price));
                    emit(subscriptionEvent("customer.subscription.updated", c.id(), "past_due", price));
                }
            }
            case RECOVERY -> {
                if (status.equals("past_due")) {
                    setCurrent("active", price);
                    renew(c.id(), price, "subscription_cycle");
                    emit(subscriptionEvent("customer.subscription.updated", c.id(), "active", price));
                }
            }
            case PLAN_CHANGE -> {
                if (status.equals("active") && !s.price().equals(price)) {
                    setCurrent("active", s.price());
                    emit(subscriptionEvent("customer.subscription.updated", c.id(), "active", s.price()));
                    // the invoice carries a proration line on the old price beside the new one
                    int charge = ++charges;
                    payments.add(new PaymentFact(charge, stepSeconds(step) + offset, true, false));
                    emit(invoicePaid(charge, c.id(), 900L, "subscription_update", price, s.price()));
                    lastSubscriptionCharge = charge;
                }
            }
            case EMAIL_CHANGE -> {
                email = "member" + s.n() + "@example.com";
                emit(event("customer.updated").email(email));
            }
            case CANCEL -> {
                if (c != null && !c.ended()) {
                    setCurrent("canceled", price);
                    emit(subscriptionEvent("customer.subscription.deleted", c.id(), "canceled", price));
                }
            }
            case PAUSE -> {
                if (status.equals("active")) {
                    setCurrent("paused", price);
                    emit(subscriptionEvent("customer.subscription.paused", c.id(), "paused", price));
                }
            }
            case RESUME -> {
                if (status.equals("paused")) {
                    setCurrent("active", price);
                    emit(subscriptionEvent("customer.subscription.resumed", c.id(), "active", price));
                }
            }
            case REFUND -> {
                if (lastSubscriptionCharge > 0 && !refunded(lastSubscriptionCharge)) {
                    emit(refund(lastSubscriptionCharge, stepSeconds(step) + offset++, false));
                }
            }
            case RENEWAL_REFUNDED_AT_ONCE, RENEWAL_AND_OLDER_REFUND -> {
                if (status.equals("active") && lastSubscriptionCharge > 0
                        && (s.kind() == Kind.RENEWAL_REFUNDED_AT_ONCE || !refunded(lastSubscriptionCharge))) {
                    int older = lastSubscriptionCharge;
                    long second = stepSeconds(step) + offset;
                    renew(c.id(), price, "subscription_cycle"); // paid in `second`; the refund in that second too
                    emit(refund(s.kind() == Kind.RENEWAL_REFUNDED_AT_ONCE ? lastSubscriptionCharge : older, second, false));
                }
            }
            case ZERO_PRORATION -> {
                if (c != null && !c.ended()) {
                    emit(invoicePaid(0, c.id(), 0L, "subscription_update", price));
                }
            }
            case ONE_OFF -> {
                int charge = ++charges;
                boolean forPlan = s.n() != 3;
                String product = forPlan ? LIFETIME_PRICE : "price_ebook";
                email = email == null ? "member@example.com" : email;
                long at = stepSeconds(step) + offset;
                emit(event("checkout.session.completed").email(email).checkoutMode("payment").paymentStatus("paid")
                        .invoiceId("in_" + charge).paymentIntentId("pi_" + charge).amount(29_900L));
                emit(invoicePaid(charge, null, 29_900L, "manual", product));
                payments.add(new PaymentFact(charge, at, true, true));
                oneOffs.add(charge);
                oneOffForPlan.put(charge, forPlan);
            }
            case ONE_OFF_REFUND -> {
                if (!oneOffs.isEmpty() && !refunded(oneOffs.get(oneOffs.size() - 1))) {
                    emit(refund(oneOffs.get(oneOffs.size() - 1), stepSeconds(step) + offset++, true));
                }
            }
            case DISPUTE_OPEN -> {
                if (charges > 0 && !disputes.containsKey("dp_" + s.n())) {
                    disputes.put("dp_" + s.n(), "open");
                    emit(event("charge.dispute.created").disputeId("dp_" + s.n()).chargeId("ch_" + charges).amount(2900L));
                }
            }
            case DISPUTE_WON, DISPUTE_LOST -> {
                if ("open".equals(disputes.get("dp_" + s.n()))) {
                    String outcome = s.kind() == Kind.DISPUTE_WON ? "won" : "lost";
                    disputes.put("dp_" + s.n(), outcome);
                    emit(event("charge.dispute.closed").disputeId("dp_" + s.n()).disputeStatus(outcome));
                }
            }
        }
    }

    /** A charge is fully refunded at most once. */
    private boolean refunded(int charge) {
        return refunds.stream().anyMatch(r -> r.charge() == charge);
    }

    private void renew(String sub, String price, String reason) {
        int charge = ++charges;
        payments.add(new PaymentFact(charge, stepSeconds(step) + offset, true, false));
        emit(invoicePaid(charge, sub, 2900L, reason, price));
        lastSubscriptionCharge = charge;
    }

    /** Invoice of charge {@code charge} (0: a $0 invoice, no charge), with the ids the layout names. */
    private BillingEvent.Builder invoicePaid(int charge, String sub, long amount, String reason, String... prices) {
        String invoice = charge == 0 ? "in_z" + step + "_" + offset : "in_" + charge;
        return event("invoice.paid").email(email).subscriptionId(sub).invoiceId(invoice)
                .chargeId(ids && charge > 0 ? "ch_" + charge : null).paymentIntentId(ids && charge > 0 ? "pi_" + charge : null)
                .amountPaid(amount).billingReason(reason).priceIds(prices);
    }

    private BillingEvent.Builder refund(int charge, long at, boolean oneOff) {
        refunds.add(new RefundFact(charge, at, oneOff));
        return BillingEvent.builder("evt_" + events.size(), "charge.refunded", at, customer).chargeId("ch_" + charge)
                .paymentIntentId("pi_" + charge).invoiceId(ids ? "in_" + charge : null)
                .amount(oneOff ? 29_900L : 2900L).amountRefunded(oneOff ? 29_900L : 2900L);
    }

    private BillingEvent.Builder subscriptionEvent(String type, String sub, String status, String price) {
        return event(type).subscriptionId(sub).subscriptionStatus(status).priceIds(price);
    }

    private BillingEvent.Builder event(String type) {
        return BillingEvent.builder("evt_" + events.size(), type, stepSeconds(step) + offset++, customer);
    }

    private void emit(BillingEvent.Builder builder) {
        events.add(builder.build());
        eventSteps.add(step);
    }
}
