package io.memberflow.domain;

import java.util.List;

/**
 * The refund and dispute overlays. Neither is a billing decision: they never move the ordering watermark, so
 * their own ordering is kept here, by creation time for refunds and by dispute id for disputes.
 */
final class OverlayRules {
    private OverlayRules() {
    }

    /**
     * A payment lifts the refund overlay only if it was created after the newest full refund; an older payment
     * delivered late does not undo the refund. A payment while not refunded moves the watermark to itself, so a
     * full refund older than it, delivered late, changes nothing. Returns a note suffix, empty when nothing is
     * worth saying.
     */
    static String liftRefund(MemberState.Builder d, BillingEvent e) {
        if (!d.refunded()) {
            // the overlay's watermark: a full refund created before this payment, delivered late, is already undone
            d.refundedAsOfSeconds(Math.max(d.refundedAsOfSeconds(), e.created()));
            return "";
        }
        if (e.created() > d.refundedAsOfSeconds()) {
            d.refunded(false);
            d.refundedAsOfSeconds(e.created());
            return "; refund lifted";
        }
        return "; a full refund created at " + d.refundedAsOfSeconds() + " is newer, still refunded";
    }

    /**
     * A full refund sets the overlay and moves {@code refundedAsOfSeconds} forward. Only a payment created after
     * {@code refundedAsOfSeconds} lifts the overlay, so a member who is not refunded although a refund was seen
     * has paid after that refund; a full refund created no later than it (the same refund delivered again, say)
     * is then older than the payment and is ignored.
     */
    static BillingRules.Step refund(MemberState.Builder d, BillingEvent e) {
        Long amount = e.amount();
        Long refunded = e.amountRefunded();
        if (amount == null || amount <= 0 || refunded == null || refunded < amount) {
            return other("partial refund of charge " + e.chargeId() + "; no access change");
        }
        long asOf = d.refundedAsOfSeconds();
        if (!d.refunded() && asOf > 0 && e.created() <= asOf) {
            return other("full refund of charge " + e.chargeId() + " is older than a later payment; no change");
        }
        d.refunded(true);
        d.refundedAsOfSeconds(Math.max(asOf, e.created()));
        return other("full refund of charge " + e.chargeId());
    }

    static BillingRules.Step disputeOpened(MemberState.Builder d, BillingEvent e) {
        Disputes disputes = d.disputes();
        if (disputes.closed(e.disputeId())) {
            return other("dispute " + orUnknown(e.disputeId()) + " opened after it was closed; no change");
        }
        d.disputes(disputes.opened(e.disputeId()));
        String summary = "Dispute " + orUnknown(e.disputeId()) + " opened on charge " + orUnknown(e.chargeId())
                + " for " + (e.amount() == null ? "an unknown amount" : e.amount() + " (minor units)")
                + ", reason: " + orUnknown(e.disputeReason()) + ". Access is blocked until the dispute is won.";
        return new BillingRules.Step("dispute opened; access blocked", false,
                List.of(new SupportTaskRequest("dispute", e.eventId(), summary)));
    }

    static BillingRules.Step disputeClosed(MemberState.Builder d, BillingEvent e) {
        String status = e.disputeStatus();
        String id = orUnknown(e.disputeId());
        if ("won".equals(status) || "warning_closed".equals(status)) {
            Disputes after = d.disputes().won(e.disputeId());
            d.disputes(after);
            return other("dispute " + id + " closed (" + status + ")"
                    + (after.blocking() ? "; other disputes keep the block" : "; no dispute blocks"));
        }
        if ("lost".equals(status)) {
            d.disputes(d.disputes().lost(e.disputeId()));
            return other("dispute " + id + " lost; stays blocked");
        }
        return other(status == null ? "dispute closed without a status; no change"
                : "dispute closed with status '" + status + "'; no change");
    }

    private static BillingRules.Step other(String note) {
        return BillingRules.Step.other(note);
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }
}
