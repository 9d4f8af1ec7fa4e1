package io.memberflow.intake;

import io.memberflow.domain.BillingEvent;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What memberflow reads out of one Stripe event, before its customer is known for sure.
 * {@code chargeToResolve} is set when the payload names no customer (disputes): the customer is then looked
 * up through the charge.
 */
public record EventFacts(String eventId, String type, long created,
                         @Nullable String customerId, @Nullable String chargeToResolve,
                         @Nullable String email, @Nullable String name,
                         @Nullable String subscriptionId, @Nullable String subscriptionStatus, List<String> priceIds,
                         @Nullable Boolean cancelAtPeriodEnd, @Nullable Long currentPeriodEnd,
                         @Nullable String checkoutMode, @Nullable String paymentStatus,
                         @Nullable Long amount, @Nullable Long amountPaid, @Nullable Long amountRefunded,
                         @Nullable String chargeId, @Nullable String invoiceId,
                         @Nullable String disputeId, @Nullable String disputeStatus, @Nullable String disputeReason,
                         @Nullable String billingReason, @Nullable String paymentIntentId) {

    public BillingEvent toBillingEvent(String resolvedCustomerId) {
        return new BillingEvent(eventId, type, created, resolvedCustomerId, email, name, subscriptionId,
                subscriptionStatus, priceIds, cancelAtPeriodEnd, currentPeriodEnd, null, checkoutMode,
                paymentStatus, amount, amountPaid, amountRefunded, chargeId, invoiceId, disputeId, disputeStatus,
                disputeReason, billingReason, paymentIntentId);
    }
}
