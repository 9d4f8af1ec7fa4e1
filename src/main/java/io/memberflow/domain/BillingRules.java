package io.memberflow.domain;

import java.util.List;

/**
 * What each event type does to a draft of the member state. Ordering (stale events), ended
 * subscriptions, competing subscriptions and deadline expiry are handled by {@link EntitlementMachine}; the
 * refund and dispute overlays, which order themselves, by {@link OverlayRules}.
 */
final class BillingRules {

    /**
     * @param billingDecision the event decided the billing status (even if to keep it); only then does the
     *                        ordering watermark move and may a competing subscription be refused
     */
    record Step(String note, boolean billingDecision, List<SupportTaskRequest> tasks) {
        static Step billing(String note) {
            return new Step(note, true, List.of());
        }

        static Step other(String note) {
            return new Step(note, false, List.of());
        }
    }

    private final PlanCatalog catalog;
    private final long graceMillis;
    /** Version {@code charge-facts}: refunds and one-off purchases are decided by {@link PaymentRules}. */
    private final boolean chargeFacts;

    BillingRules(PlanCatalog catalog, long graceMillis, boolean chargeFacts) {
        this.catalog = catalog;
        this.graceMillis = graceMillis;
        this.chargeFacts = chargeFacts;
    }

    static boolean isBillingStatusEvent(String type) {
        return type.startsWith("customer.subscription.") || type.startsWith("invoice.")
                || type.equals("checkout.session.completed") || type.equals("customer.deleted");
    }

    Step apply(MemberState.Builder d, BillingEvent e, long nowMillis) {
        return switch (e.type()) {
            case "customer.subscription.created", "customer.subscription.updated",
                    "customer.subscription.resumed", "customer.subscription.paused" -> snapshot(d, e, nowMillis);
            case "customer.subscription.deleted" -> {
                d.billingStatus(MemberStatus.CANCELED);
                adoptSubscription(d, e);
                d.endSubscription(e.subscriptionId());
                yield Step.billing("subscription " + e.subscriptionId() + " deleted");
            }
            case "customer.subscription.trial_will_end" -> Step.other("trial ends soon; no status change");
            case "invoice.paid", "invoice.payment_succeeded" -> invoicePaid(d, e);
            case "invoice.payment_failed", "invoice.payment_action_required" -> invoiceFailed(d, nowMillis);
            case "checkout.session.completed" -> checkout(d, e);
            case "customer.deleted" -> {
                d.billingStatus(MemberStatus.CANCELED);
                d.endSubscription(d.subscriptionId());
                yield Step.billing("customer deleted in Stripe");
            }
            case "charge.refunded" -> chargeFacts ? refund(e) : OverlayRules.refund(d, e);
            case "charge.dispute.created" -> OverlayRules.disputeOpened(d, e);
            case "charge.dispute.closed" -> OverlayRules.disputeClosed(d, e);
            case "customer.created", "customer.updated" -> Step.other("contact details updated");
            default -> Step.other("ignored: unhandled event type " + e.type());
        };
    }

    private Step snapshot(MemberState.Builder d, BillingEvent e, long nowMillis) {
        String status = e.subscriptionStatus();
        if (status == null && e.type().endsWith(".paused")) {
            status = "paused";
        } else if (status == null && e.type().endsWith(".resumed")) {
            status = "active";
        }
        adoptSubscription(d, e);
        subscriptionPlan(d, e.priceIds());
        return subscriptionStatus(d, e.subscriptionId(), status, e.cancelAtPeriodEnd(), e.currentPeriodEnd(), nowMillis);
    }

    /**
     * The plan of a subscription's current items. Prices that match no plan or several give no plan and set
     * {@code planIssue}, so the problem shows instead of a silent pick (and the outcome does not depend on which
     * plan the member happened to have before, i.e. on delivery order).
     */
    void subscriptionPlan(MemberState.Builder d, List<String> priceIds) {
        PlanCatalog.PlanMatch match = catalog.match(priceIds);
        if (match.planName() != null) {
            d.planName(match.planName());
            d.planIssue(null);
        } else if (match.problem() != null) {
            d.planName(null);
            d.planIssue(match.problem());
        }
    }

    /** Billing status from a subscription's status, cancellation and period end (as an event or a read has them). */
    Step subscriptionStatus(MemberState.Builder d, String subscriptionId, String status, Boolean cancelAtPeriodEnd,
                            Long currentPeriodEnd, long nowMillis) {
        if (Boolean.TRUE.equals(cancelAtPeriodEnd) && currentPeriodEnd != null) {
            d.accessUntil(currentPeriodEnd * 1000L);
        } else if (Boolean.FALSE.equals(cancelAtPeriodEnd)) {
            d.accessUntil(null);
        }
        if (status == null) {
            return Step.billing("subscription snapshot without status; status kept");
        }
        switch (status) {
            case "trialing" -> d.billingStatus(MemberStatus.TRIALING);
            case "active" -> d.billingStatus(MemberStatus.ACTIVE);
            case "past_due" -> enterPastDue(d, nowMillis);
            case "unpaid" -> d.billingStatus(MemberStatus.SUSPENDED);
            case "canceled" -> {
                d.billingStatus(MemberStatus.CANCELED);
                d.endSubscription(subscriptionId);
            }
            case "incomplete" -> d.billingStatus(MemberStatus.LEAD);
            case "incomplete_expired" -> {
                d.billingStatus(MemberStatus.LEAD);
                d.endSubscription(subscriptionId);
            }
            case "paused" -> d.billingStatus(MemberStatus.PAUSED);
            default -> {
                return Step.billing("unknown subscription status '" + status + "'; status kept");
            }
        }
        return Step.billing("subscription " + subscriptionId + " is " + status);
    }

    /** A payment that can lift a refund: a paid invoice with a non-zero amount, or a paid checkout. */
    static boolean isPayment(BillingEvent e) {
        return switch (e.type()) {
            case "invoice.paid", "invoice.payment_succeeded" -> e.amountPaid() == null || e.amountPaid() > 0;
            case "checkout.session.completed" -> "paid".equals(e.paymentStatus());
            default -> false;
        };
    }

    /** The refund itself; {@link PaymentRules} recorded it and says what it changes. */
    private static Step refund(BillingEvent e) {
        if (!PaymentRules.full(e)) {
            return Step.other("partial refund of charge " + e.chargeId() + "; no access change");
        }
        return Step.other("full refund of charge " + e.chargeId());
    }

    private Step invoicePaid(MemberState.Builder d, BillingEvent e) {
        if (chargeFacts && PaymentRules.oneOffInvoice(e)) {
            return Step.other("invoice " + e.invoiceId() + " paid (no subscription)");
        }
        MemberStatus current = d.billingStatus();
        boolean otherSubscription = e.subscriptionId() != null && !e.subscriptionId().equals(d.subscriptionId());
        if (!otherSubscription && (current == MemberStatus.PAUSED || current == MemberStatus.CANCELED)) {
            return Step.billing("invoice paid while " + current.configKey() + "; status kept");
        }
        adoptSubscription(d, e);
        adoptPlan(d, e);
        boolean zero = e.amountPaid() != null && e.amountPaid() == 0L;
        if (zero && current == MemberStatus.TRIALING) {
            return Step.billing("zero invoice during trial; still trialing");
        }
        d.billingStatus(MemberStatus.ACTIVE);
        String refundNote = zero || chargeFacts ? "" : OverlayRules.liftRefund(d, e);
        return Step.billing("invoice " + e.invoiceId() + " paid" + refundNote);
    }

    private Step invoiceFailed(MemberState.Builder d, long nowMillis) {
        MemberStatus current = d.billingStatus();
        if (current == MemberStatus.ACTIVE || current == MemberStatus.TRIALING || current == MemberStatus.PAST_DUE) {
            enterPastDue(d, nowMillis);
            return Step.billing("invoice payment failed; past due until " + d.graceDeadline());
        }
        return Step.billing("invoice payment failed while " + current.configKey() + "; status kept");
    }

    private Step checkout(MemberState.Builder d, BillingEvent e) {
        if ("setup".equals(e.checkoutMode())) {
            return Step.other("setup-mode checkout; no status change");
        }
        if (chargeFacts && PaymentRules.oneOffCheckout(e)) {
            return Step.other("payment-mode checkout completed (" + e.paymentStatus() + ")");
        }
        String paymentStatus = e.paymentStatus();
        if ("paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus)) {
            adoptSubscription(d, e);
            adoptPlan(d, e);
            String refundNote = "";
            if ("paid".equals(paymentStatus)) {
                d.billingStatus(MemberStatus.ACTIVE);
                refundNote = chargeFacts ? "" : OverlayRules.liftRefund(d, e);
            } else {
                d.billingStatus(MemberStatus.TRIALING);
            }
            return Step.billing("checkout completed (" + paymentStatus + ")" + refundNote);
        }
        MemberStatus current = d.billingStatus();
        if (current == MemberStatus.LEAD || current == MemberStatus.CANCELED) {
            d.billingStatus(MemberStatus.LEAD);
            return Step.billing("checkout completed unpaid; lead");
        }
        return Step.billing("checkout completed unpaid while " + current.configKey() + "; status kept");
    }

    void enterPastDue(MemberState.Builder d, long nowMillis) {
        MemberStatus current = d.billingStatus();
        if (current == MemberStatus.SUSPENDED || (current == MemberStatus.PAST_DUE && d.graceDeadline() != null)) {
            return;
        }
        d.billingStatus(MemberStatus.PAST_DUE);
        d.graceDeadline(nowMillis + graceMillis);
    }

    /**
     * Invoice and checkout lines only name a plan while none is known (the payload path, before any subscription
     * event): later plan changes come from the subscription's items, never from lines, which carry proration
     * credits on old prices.
     */
    private void adoptPlan(MemberState.Builder d, BillingEvent e) {
        if (d.planName() == null) {
            subscriptionPlan(d, e.priceIds());
        }
    }

    private static void adoptSubscription(MemberState.Builder d, BillingEvent e) {
        if (e.subscriptionId() != null) {
            d.subscriptionId(e.subscriptionId());
        }
    }
}
