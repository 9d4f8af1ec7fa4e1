package io.memberflow.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A member's payments and full refunds, as their own events reported them: kept whatever order they arrive in and
 * however stale they are (a late {@code invoice.paid} still brings its payment), so every decision below is a
 * function of the facts, not of their delivery order. Stripe's {@code created} has one-second resolution, so time
 * alone cannot tell "the charge just paid" from "another charge in that second": refunds are matched to the payment
 * they concern by id (charge, invoice, payment intent), and times only order payments that are known to differ.
 *
 * <ul>
 *   <li>A payment <em>counts</em> if money was taken ({@code charged}) or it is a new purchase at no charge
 *       ({@code newPurchase}: a new subscription's first invoice paid at $0, a 100 %-off Checkout). A $0 invoice of
 *       an existing subscription (a proration credit, a $0 renewal) is not a purchase and never counts.</li>
 *   <li>A full refund is <em>lifted</em> by a counting payment that is not the refunded one and is later: created after
 *       the refund, or in the very same second if it is known to be another payment (ids differ, or no charge at all).
 *       A payment whose identity the payloads cannot settle (API 2025-03-31.basil and later: an invoice no longer names
 *       its charge) in the refund's second is taken to be the refunded one.</li>
 *   <li>{@link #refunded()}: some full refund, not of a one-off purchase, is not lifted.</li>
 *   <li>A one-off purchase (no subscription: a payment-mode Checkout, an invoice without subscription) for a price a
 *       plan names <em>stands</em> until a full refund of it (or, when the ids cannot tell, of a charge that may be it:
 *       any full refund at or after it that is not known to be another payment).</li>
 * </ul>
 * Each list keeps the newest {@link #MAX} entries; only a member with more payments than that can have one forgotten.
 */
public record Payments(List<Payment> payments, List<Refund> refunds) {
    /** How many payments, and how many refunds, are kept. */
    public static final int MAX = 20;
    private static final Payments NONE = new Payments(List.of(), List.of());

    public Payments {
        payments = newest(payments, Payment::atSeconds, Payment::key);
        refunds = newest(refunds, Refund::atSeconds, Refund::key);
    }

    public static Payments none() {
        return NONE;
    }

    /**
     * The ledger of a state written before payments were kept: a refund still in force becomes one of unknown
     * identity at its time; a refund already lifted leaves the lifting payment, of unknown identity, at that time.
     */
    static Payments seed(boolean refunded, long refundedAsOfSeconds) {
        if (refundedAsOfSeconds <= 0) {
            return NONE;
        }
        if (refunded) {
            return new Payments(List.of(), List.of(new Refund(null, null, null, refundedAsOfSeconds)));
        }
        return new Payments(List.of(new Payment(null, null, null, null, refundedAsOfSeconds, true, false, false,
                List.of(), null)), List.of());
    }

    /** {@code ledger}, or the seed of {@code refunded}/{@code refundedAsOfSeconds} when the ledger knows nothing of them. */
    static Payments orSeed(Payments ledger, boolean refunded, long refundedAsOfSeconds) {
        boolean empty = ledger.payments.isEmpty() && ledger.refunds.isEmpty();
        return empty && (refunded || refundedAsOfSeconds > 0) ? seed(refunded, refundedAsOfSeconds) : ledger;
    }

    /**
     * One payment. {@code atSeconds}: when it was reported paid (the event's {@code created}); merged reports of one
     * payment keep the earliest. {@code planName}: for a one-off purchase, the plan its prices buy (null if none).
     */
    public record Payment(String invoiceId, String chargeId, String paymentIntentId, String subscriptionId,
                          long atSeconds, boolean charged, boolean newPurchase, boolean oneOff,
                          List<String> priceIds, String planName) {
        public Payment {
            priceIds = priceIds == null ? List.of() : List.copyOf(new TreeSet<>(priceIds.stream().filter(Objects::nonNull).toList()));
        }

        /** Money was taken, or it is a new purchase at no charge. */
        public boolean counts() {
            return charged || newPurchase;
        }

        boolean identified() {
            return invoiceId != null || chargeId != null || paymentIntentId != null;
        }

        String key() {
            return String.valueOf(invoiceId) + '|' + chargeId + '|' + paymentIntentId + '|' + atSeconds;
        }

        /** What one would call it in a note: "invoice in_1 (charge ch_1)". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (invoiceId != null) {
                parts.add("invoice " + invoiceId);
            }
            if (chargeId != null) {
                parts.add("charge " + chargeId);
            }
            if (paymentIntentId != null && chargeId == null) {
                parts.add("payment " + paymentIntentId);
            }
            return parts.isEmpty() ? "a payment" : String.join(", ", parts);
        }

        Payment merge(Payment o) {
            List<String> prices = new ArrayList<>(priceIds);
            prices.addAll(o.priceIds);
            return new Payment(first(invoiceId, o.invoiceId), first(chargeId, o.chargeId),
                    first(paymentIntentId, o.paymentIntentId), first(subscriptionId, o.subscriptionId),
                    Math.min(atSeconds, o.atSeconds), charged || o.charged, newPurchase || o.newPurchase,
                    oneOff || o.oneOff, prices, first(planName, o.planName));
        }

        Payment withPlan(String plan) {
            return new Payment(invoiceId, chargeId, paymentIntentId, subscriptionId, atSeconds, charged, newPurchase,
                    oneOff, priceIds, plan);
        }
    }

    /** One full refund of a charge, at the time it was reported ({@code created} of its {@code charge.refunded}). */
    public record Refund(String chargeId, String invoiceId, String paymentIntentId, long atSeconds) {
        String key() {
            return String.valueOf(chargeId) + '|' + invoiceId + '|' + paymentIntentId + '|' + atSeconds;
        }

        public String describe() {
            return chargeId != null ? "charge " + chargeId : invoiceId != null ? "the charge of invoice " + invoiceId
                    : paymentIntentId != null ? "payment " + paymentIntentId : "a charge";
        }

        Refund merge(Refund o) {
            return new Refund(first(chargeId, o.chargeId), first(invoiceId, o.invoiceId),
                    first(paymentIntentId, o.paymentIntentId), Math.min(atSeconds, o.atSeconds));
        }
    }

    /** The ledger with one more report of a payment, merged with what is known of the same payment. */
    public Payments with(Payment p) {
        Payment merged = p;
        List<Payment> pool = new ArrayList<>(payments);
        boolean grew = true;
        while (grew) { // one report can join two known ones (a checkout's invoice and payment intent)
            grew = false;
            for (java.util.Iterator<Payment> it = pool.iterator(); it.hasNext(); ) {
                Payment known = it.next();
                if (sameIds(known.invoiceId, known.chargeId, known.paymentIntentId,
                        merged.invoiceId, merged.chargeId, merged.paymentIntentId)) {
                    merged = known.merge(merged);
                    it.remove();
                    grew = true;
                }
            }
        }
        pool.add(merged);
        return new Payments(pool, refunds);
    }

    /** The ledger with one more report of a full refund (a repeated report of one charge's refund is merged). */
    public Payments with(Refund r) {
        List<Refund> rest = new ArrayList<>();
        Refund merged = r;
        for (Refund known : refunds) {
            boolean sameCharge = known.chargeId != null ? known.chargeId.equals(r.chargeId)
                    : r.chargeId == null && Objects.equals(known.invoiceId, r.invoiceId)
                    && Objects.equals(known.paymentIntentId, r.paymentIntentId);
            if (sameCharge) {
                merged = known.merge(merged);
            } else {
                rest.add(known);
            }
        }
        rest.add(merged);
        return new Payments(payments, rest);
    }

    /** The payment this refund is known to be of, if the ids say so. */
    public static boolean same(Payment p, Refund r) {
        return sameIds(p.invoiceId, p.chargeId, p.paymentIntentId, r.invoiceId, r.chargeId, r.paymentIntentId);
    }

    /** Known to be another payment than the refunded one: no charge at all, or ids of one kind that differ. */
    static boolean different(Payment p, Refund r) {
        if (sameIds(p.invoiceId, p.chargeId, p.paymentIntentId, r.invoiceId, r.chargeId, r.paymentIntentId)) {
            return false;
        }
        return !p.charged || (p.chargeId != null && r.chargeId != null)
                || (p.invoiceId != null && r.invoiceId != null)
                || (p.paymentIntentId != null && r.paymentIntentId != null);
    }

    /** Whether {@code p} lifts the refund {@code r}: it counts, is not the refunded payment and is later. */
    static boolean lifts(Payment p, Refund r) {
        if (!p.counts() || sameIds(p.invoiceId, p.chargeId, p.paymentIntentId, r.invoiceId, r.chargeId, r.paymentIntentId)) {
            return false;
        }
        return p.atSeconds > r.atSeconds || (p.atSeconds == r.atSeconds && different(p, r));
    }

    /** The earliest payment that lifts this refund, if any. */
    public Payment liftedBy(Refund r) {
        return payments.stream().filter(p -> lifts(p, r)).findFirst().orElse(null);
    }

    /** The one-off purchase this refund is known to be of, if any. */
    public Payment oneOffRefundedBy(Refund r) {
        return payments.stream().filter(p -> p.oneOff && same(p, r)).findFirst().orElse(null);
    }

    /** Some full refund, not of a one-off purchase, is not lifted by a later payment. */
    public boolean refunded() {
        return refunds.stream().anyMatch(r -> oneOffRefundedBy(r) == null && liftedBy(r) == null);
    }

    /** The full refunds that keep the member refunded (not of a one-off purchase, not lifted). */
    public List<Refund> inForce() {
        return refunds.stream().filter(r -> oneOffRefundedBy(r) == null && liftedBy(r) == null).toList();
    }

    /** Whether this one-off purchase for a plan stands: it counts and no full refund is, or may be, of it. */
    public boolean stands(Payment p) {
        return p.oneOff && p.counts() && p.planName != null
                && refunds.stream().noneMatch(r -> same(p, r) || (!different(p, r) && r.atSeconds >= p.atSeconds));
    }

    /** A one-off purchase for a plan was refunded (so it no longer stands). */
    public boolean oneOffRefunded() {
        return payments.stream().anyMatch(p -> p.oneOff && p.counts() && p.planName != null && !stands(p));
    }

    /** The plan of the newest one-off purchase that stands, or null. */
    public String oneOffPlan() {
        String plan = null;
        for (Payment p : payments) { // oldest first
            if (stands(p)) {
                plan = p.planName;
            }
        }
        return plan;
    }

    private static boolean sameIds(String invoiceA, String chargeA, String intentA,
                                   String invoiceB, String chargeB, String intentB) {
        return (invoiceA != null && invoiceA.equals(invoiceB)) || (chargeA != null && chargeA.equals(chargeB))
                || (intentA != null && intentA.equals(intentB));
    }

    private static String first(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static <T> List<T> newest(List<T> items, java.util.function.ToLongFunction<T> at,
                                      java.util.function.Function<T, String> key) {
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        List<T> sorted = new ArrayList<>(items.stream().filter(Objects::nonNull).distinct().toList());
        sorted.sort(Comparator.comparingLong(at).thenComparing(key));
        return List.copyOf(sorted.subList(Math.max(0, sorted.size() - MAX), sorted.size()));
    }
}
