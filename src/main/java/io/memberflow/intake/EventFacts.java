package io.memberflow.intake;

import io.memberflow.domain.BillingEvent;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What memberflow reads out of one Stripe event, before its customer is known for sure.
 * {@code chargeToResolve} is set when the payload names no customer (disputes): the customer is then looked
 * up through the charge.
 *
 * <p>Deliberately a type of its own, mapped to {@link BillingEvent} by {@link #toBillingEvent} once the customer is
 * known, rather than one type for both. A {@code BillingEvent} always has its customer (its constructor refuses
 * none), which is what the workflow relies on; these facts may have none yet and carry {@code chargeToResolve},
 * which a {@code BillingEvent} must not gain: it is the payload of the {@code onEvent} signal in saved Temporal
 * histories and of the inbox's {@code normalized} column, and Temporal's JSON converter refuses a property a record
 * lacks, so a new field would stop a rolled-back worker from reading events written after it.
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
