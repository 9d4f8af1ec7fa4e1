package io.memberflow.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of one customer at Stripe, moved by journey steps: each step changes the customer or subscription
 * and creates the events Stripe would send, dated at the step. Used to check that delivery order cannot
 * change the outcome.
 */
final class JourneyModel {
    static final String CUSTOMER = "cus_journey";
    static final long START = 1_760_000_000L;

    enum Kind { SIGNUP, RENEWAL, PAYMENT_FAILED, RECOVERY, PLAN_CHANGE, EMAIL_CHANGE, CANCEL, PAUSE, RESUME, REFUND,
        DISPUTE_OPEN, DISPUTE_WON, DISPUTE_LOST }

    /** One step: {@code price} for SIGNUP and PLAN_CHANGE, {@code n} picks an address or a dispute id. */
    record Step(Kind kind, String price, int n) {
        @Override
        public String toString() {
            return kind + (kind == Kind.SIGNUP || kind == Kind.PLAN_CHANGE ? "(" + price + ")"
                    : kind == Kind.EMAIL_CHANGE || kind.name().startsWith("DISPUTE") ? "(" + n + ")" : "");
        }
    }

    private final List<BillingEvent> events = new ArrayList<>();
    private final List<Integer> eventSteps = new ArrayList<>();
    private final List<BillingSnapshot> truths = new ArrayList<>();
    private final List<BillingSnapshot.SubscriptionFacts> subscriptions = new ArrayList<>();
    private final Map<String, String> disputes = new HashMap<>();
    private String email;
    private int step;
    private int offset;
    private int charges;

    static JourneyModel play(List<Step> steps) {
        JourneyModel m = new JourneyModel();
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

    private BillingSnapshot truth() {
        return new BillingSnapshot(CUSTOMER, true, false, email, "Ada", List.copyOf(subscriptions), 0);
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
            case SIGNUP -> {
                if (c != null && !c.ended()) {
                    return;
                }
                email = email == null ? "member@example.com" : email;
                String sub = "sub_" + (subscriptions.size() + 1);
                subscriptions.add(new BillingSnapshot.SubscriptionFacts(sub, "active", List.of(s.price()), false, null,
                        stepSeconds(step)));
                emit(event("checkout.session.completed").email(email).subscriptionId(sub).checkoutMode("subscription")
                        .paymentStatus("paid").amount(2900L));
                emit(event("customer.subscription.created").subscriptionId(sub).subscriptionStatus("active").priceIds(s.price()));
                emit(event("invoice.paid").email(email).subscriptionId(sub).amountPaid(2900L).priceIds(s.price()));
                charges++;
            }
            case RENEWAL -> {
                if (status.equals("active") || status.equals("past_due")) {
                    setCurrent("active", price);
                    emit(event("invoice.paid").email(email).subscriptionId(c.id()).amountPaid(2900L).priceIds(price));
                    charges++;
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
                    emit(event("invoice.paid").email(email).subscriptionId(c.id()).amountPaid(2900L).priceIds(price));
                    emit(subscriptionEvent("customer.subscription.updated", c.id(), "active", price));
                    charges++;
                }
            }
            case PLAN_CHANGE -> {
                if (status.equals("active") && !s.price().equals(price)) {
                    setCurrent("active", s.price());
                    emit(subscriptionEvent("customer.subscription.updated", c.id(), "active", s.price()));
                    // the invoice carries a proration line on the old price beside the new one
                    emit(event("invoice.paid").email(email).subscriptionId(c.id()).amountPaid(900L)
                            .priceIds(price, s.price()));
                    charges++;
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
                if (charges > 0) {
                    emit(event("charge.refunded").chargeId("ch_" + charges).amount(2900L).amountRefunded(2900L));
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

    private BillingEvent.Builder subscriptionEvent(String type, String sub, String status, String price) {
        return event(type).subscriptionId(sub).subscriptionStatus(status).priceIds(price);
    }

    private BillingEvent.Builder event(String type) {
        return BillingEvent.builder("evt_" + events.size(), type, stepSeconds(step) + offset++, CUSTOMER);
    }

    private void emit(BillingEvent.Builder builder) {
        events.add(builder.build());
        eventSteps.add(step);
    }
}
