package io.memberflow.domain;

import java.util.List;

/**
 * A Stripe event normalised by the webhook intake. {@code created} and {@code currentPeriodEnd} are epoch seconds,
 * as Stripe sends them; amounts are in minor units. Any field but eventId, type, created and customerId may be
 * null; {@code priceIds} is never null.
 *
 * <p>Payment identity, so refunds and disputes can be matched to the payment they concern: {@code chargeId},
 * {@code invoiceId} and {@code paymentIntentId} as far as the payload names them (an invoice names its charge and
 * payment intent only up to API 2024-06-20; a charge names its invoice only up to then; a charge always names its
 * payment intent; a Checkout Session names its invoice and, in payment mode, its payment intent).
 * {@code billingReason} is the invoice's {@code billing_reason} ({@code subscription_create} for a new
 * subscription's first invoice). Both are absent from events recorded before they were read, and read as null.
 *
 * <p>{@code subscriptionCreated} is read by nothing and always null in new events. It stays because the
 * {@code onEvent} signals in running workflows' histories carry it, and Temporal's JSON converter refuses a
 * property the record lacks: without it those workflows could not replay (see CustomerWorkflowReplayTest).
 */
public record BillingEvent(
        String eventId, String type, long created, String customerId,
        String email, String name,
        String subscriptionId, String subscriptionStatus,
        List<String> priceIds,
        Boolean cancelAtPeriodEnd, Long currentPeriodEnd, Long subscriptionCreated,
        String checkoutMode, String paymentStatus,
        Long amount, Long amountPaid, Long amountRefunded,
        String chargeId, String invoiceId, String disputeId, String disputeStatus, String disputeReason,
        String billingReason, String paymentIntentId) {

    public BillingEvent {
        requireText(eventId, "eventId");
        requireText(type, "type");
        requireText(customerId, "customerId");
        priceIds = priceIds == null ? List.of() : List.copyOf(priceIds);
    }

    /** Without the payment facts added for charge matching (events and tests written before them). */
    public BillingEvent(String eventId, String type, long created, String customerId, String email, String name,
                        String subscriptionId, String subscriptionStatus, List<String> priceIds,
                        Boolean cancelAtPeriodEnd, Long currentPeriodEnd, Long subscriptionCreated,
                        String checkoutMode, String paymentStatus, Long amount, Long amountPaid, Long amountRefunded,
                        String chargeId, String invoiceId, String disputeId, String disputeStatus, String disputeReason) {
        this(eventId, type, created, customerId, email, name, subscriptionId, subscriptionStatus, priceIds,
                cancelAtPeriodEnd, currentPeriodEnd, subscriptionCreated, checkoutMode, paymentStatus, amount, amountPaid,
                amountRefunded, chargeId, invoiceId, disputeId, disputeStatus, disputeReason, null, null);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    public static Builder builder(String eventId, String type, long created, String customerId) {
        return new Builder(eventId, type, created, customerId);
    }

    public Builder toBuilder() {
        return new Builder(eventId, type, created, customerId)
                .email(email).name(name)
                .subscriptionId(subscriptionId).subscriptionStatus(subscriptionStatus).priceIds(priceIds)
                .cancelAtPeriodEnd(cancelAtPeriodEnd).currentPeriodEnd(currentPeriodEnd)
                .checkoutMode(checkoutMode).paymentStatus(paymentStatus)
                .amount(amount).amountPaid(amountPaid).amountRefunded(amountRefunded)
                .chargeId(chargeId).invoiceId(invoiceId)
                .disputeId(disputeId).disputeStatus(disputeStatus).disputeReason(disputeReason)
                .billingReason(billingReason).paymentIntentId(paymentIntentId);
    }

    /** Mutable builder: the synthetic read trigger of earlier releases ({@code WorkflowGateway.deliverReadTrigger}) and tests. */
    public static final class Builder {
        private String eventId;
        private String type;
        private long created;
        private String customerId;
        private String email;
        private String name;
        private String subscriptionId;
        private String subscriptionStatus;
        private List<String> priceIds = List.of();
        private Boolean cancelAtPeriodEnd;
        private Long currentPeriodEnd;
        private String checkoutMode;
        private String paymentStatus;
        private Long amount;
        private Long amountPaid;
        private Long amountRefunded;
        private String chargeId;
        private String invoiceId;
        private String disputeId;
        private String disputeStatus;
        private String disputeReason;
        private String billingReason;
        private String paymentIntentId;

        private Builder(String eventId, String type, long created, String customerId) {
            this.eventId = eventId;
            this.type = type;
            this.created = created;
            this.customerId = customerId;
        }

        public Builder eventId(String v) { eventId = v; return this; }
        public Builder type(String v) { type = v; return this; }
        public Builder created(long v) { created = v; return this; }
        public Builder customerId(String v) { customerId = v; return this; }
        public Builder email(String v) { email = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder subscriptionId(String v) { subscriptionId = v; return this; }
        public Builder subscriptionStatus(String v) { subscriptionStatus = v; return this; }
        public Builder priceIds(List<String> v) { priceIds = v; return this; }
        public Builder priceIds(String... v) { priceIds = List.of(v); return this; }
        public Builder cancelAtPeriodEnd(Boolean v) { cancelAtPeriodEnd = v; return this; }
        public Builder currentPeriodEnd(Long v) { currentPeriodEnd = v; return this; }
        public Builder checkoutMode(String v) { checkoutMode = v; return this; }
        public Builder paymentStatus(String v) { paymentStatus = v; return this; }
        public Builder amount(Long v) { amount = v; return this; }
        public Builder amountPaid(Long v) { amountPaid = v; return this; }
        public Builder amountRefunded(Long v) { amountRefunded = v; return this; }
        public Builder chargeId(String v) { chargeId = v; return this; }
        public Builder invoiceId(String v) { invoiceId = v; return this; }
        public Builder disputeId(String v) { disputeId = v; return this; }
        public Builder disputeStatus(String v) { disputeStatus = v; return this; }
        public Builder disputeReason(String v) { disputeReason = v; return this; }
        public Builder billingReason(String v) { billingReason = v; return this; }
        public Builder paymentIntentId(String v) { paymentIntentId = v; return this; }

        public BillingEvent build() {
            return new BillingEvent(eventId, type, created, customerId, email, name,
                    subscriptionId, subscriptionStatus, priceIds,
                    cancelAtPeriodEnd, currentPeriodEnd, null,
                    checkoutMode, paymentStatus, amount, amountPaid, amountRefunded,
                    chargeId, invoiceId, disputeId, disputeStatus, disputeReason, billingReason, paymentIntentId);
        }
    }
}
