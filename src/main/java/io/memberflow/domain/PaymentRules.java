package io.memberflow.domain;

import java.util.List;

/**
 * Version {@code charge-facts}: what each event adds to the member's {@link Payments}, and the refund overlay that
 * follows from them. Runs for every event of the customer, stale or not, with Stripe reads or without: a payment or
 * refund is a fact its event alone carries, and the ledger's decisions do not depend on delivery order.
 */
final class PaymentRules {
    private final PlanCatalog catalog;

    PaymentRules(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    /** A paid invoice without a subscription, not billed for one: a one-off purchase (Checkout's post-payment invoice). */
    static boolean oneOffInvoice(BillingEvent e) {
        return e.subscriptionId() == null && (e.billingReason() == null || !e.billingReason().startsWith("subscription"));
    }

    /** A payment-mode Checkout Session: a one-off purchase. */
    static boolean oneOffCheckout(BillingEvent e) {
        return "payment".equals(e.checkoutMode());
    }

    /** Records what the event says of payments and refunds; returns a note suffix (empty when it says nothing). */
    String record(MemberState.Builder d, BillingEvent e) {
        Payments before = d.payments();
        return switch (e.type()) {
            case "invoice.paid", "invoice.payment_succeeded" -> invoice(d, e, before);
            case "checkout.session.completed" -> checkout(d, e, before);
            case "charge.refunded" -> refund(d, e, before);
            default -> "";
        };
    }

    private String invoice(MemberState.Builder d, BillingEvent e, Payments before) {
        boolean charged = e.amountPaid() == null || e.amountPaid() > 0;
        boolean newPurchase = !charged && "subscription_create".equals(e.billingReason());
        boolean oneOff = oneOffInvoice(e);
        if (!charged && !newPurchase && !oneOff) {
            return "; a $0 invoice of an existing subscription (" + orUnknown(e.billingReason())
                    + ") is not a purchase and lifts no refund";
        }
        return add(d, before, new Payments.Payment(e.invoiceId(), e.chargeId(), e.paymentIntentId(),
                e.subscriptionId(), e.created(), charged, newPurchase || (oneOff && !charged), oneOff,
                oneOff ? e.priceIds() : List.of(), null));
    }

    private String checkout(MemberState.Builder d, BillingEvent e, Payments before) {
        String status = e.paymentStatus();
        boolean paid = "paid".equals(status);
        if ("setup".equals(e.checkoutMode()) || !(paid || "no_payment_required".equals(status))) {
            return "";
        }
        boolean charged = paid && (e.amount() == null || e.amount() > 0);
        boolean oneOff = oneOffCheckout(e);
        return add(d, before, new Payments.Payment(e.invoiceId(), e.chargeId(), e.paymentIntentId(), e.subscriptionId(),
                e.created(), charged, !charged, oneOff, oneOff ? e.priceIds() : List.of(), null));
    }

    private String add(MemberState.Builder d, Payments before, Payments.Payment payment) {
        Payments after = before.with(payment);
        Payments.Payment merged = after.payments().stream()
                .filter(p -> p.atSeconds() <= payment.atSeconds() && sameOrAll(p, payment)).findFirst().orElse(payment);
        if (merged.oneOff()) {
            PlanCatalog.PlanMatch match = catalog.match(merged.priceIds());
            Payments.Payment planned = merged.withPlan(match.planName());
            after = replace(after, merged, planned);
            merged = planned;
        }
        set(d, after);
        StringBuilder note = new StringBuilder();
        if (merged.oneOff()) {
            note.append("; one-off purchase (").append(merged.describe()).append(')');
            if (merged.planName() != null) {
                note.append(" of plan ").append(merged.planName());
            } else if (merged.priceIds().isEmpty()) {
                note.append(" whose prices are not known yet; no access until its invoice names a plan's price");
            } else {
                note.append(": ").append(catalog.match(merged.priceIds()).problem()).append("; it gives no access");
            }
        }
        return note.append(overlayChange(before, after)).toString();
    }

    /** A refund of the whole charge (amounts known); a partial refund changes nothing. */
    static boolean full(BillingEvent e) {
        return e.amount() != null && e.amount() > 0 && e.amountRefunded() != null && e.amountRefunded() >= e.amount();
    }

    private String refund(MemberState.Builder d, BillingEvent e, Payments before) {
        if (!full(e)) {
            return "";
        }
        Payments.Refund refund = new Payments.Refund(e.chargeId(), e.invoiceId(), e.paymentIntentId(), e.created());
        Payments after = before.with(refund);
        set(d, after);
        Payments.Refund known = after.refunds().stream().filter(r -> r.chargeId() == null ? r.equals(refund)
                : r.chargeId().equals(refund.chargeId())).findFirst().orElse(refund);
        Payments.Payment oneOff = after.oneOffRefundedBy(known);
        if (oneOff != null) {
            return "; it pays for the one-off purchase (" + oneOff.describe() + "), which no longer gives access"
                    + overlayChange(before, after);
        }
        Payments.Payment lifting = after.liftedBy(known);
        if (lifting != null) {
            return "; the later payment (" + lifting.describe() + ") stands, no change";
        }
        return overlayChange(before, after);
    }

    private static String overlayChange(Payments before, Payments after) {
        if (before.refunded() && !after.refunded()) {
            return "; refund lifted";
        }
        if (before.refunded() && after.refunded()) {
            return "; a full refund of " + after.inForce().get(0).describe() + " is not followed by a later payment, still refunded";
        }
        return "";
    }

    private static void set(MemberState.Builder d, Payments after) {
        d.payments(after);
        d.refunded(after.refunded());
        d.refundedAsOfSeconds(after.refunds().stream().mapToLong(Payments.Refund::atSeconds).max().orElse(0L));
    }

    private static boolean sameOrAll(Payments.Payment a, Payments.Payment b) {
        return (a.invoiceId() != null && a.invoiceId().equals(b.invoiceId()))
                || (a.chargeId() != null && a.chargeId().equals(b.chargeId()))
                || (a.paymentIntentId() != null && a.paymentIntentId().equals(b.paymentIntentId()))
                || (!b.identified() && a.equals(b));
    }

    private static Payments replace(Payments p, Payments.Payment old, Payments.Payment updated) {
        List<Payments.Payment> list = new java.util.ArrayList<>(p.payments());
        list.remove(old);
        list.add(updated);
        return new Payments(list, p.refunds());
    }

    private static String orUnknown(String value) {
        return value == null ? "reason unknown" : value;
    }
}
