package io.memberflow.activities;

import io.memberflow.domain.BillingSnapshot;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads of Stripe, the source of truth for billing. */
@ActivityInterface
public interface BillingActivities {

    /**
     * What Stripe holds now for one customer: the customer object and all its subscriptions (canceled ones too).
     * Read-only, so any retry is safe. Rate limits, 5xx and timeouts are retried (a {@code Retry-After} sets the
     * next delay); a rejected API key is final ({@link VendorFailures#FINAL}). A customer Stripe does not know
     * is not an error: the snapshot says {@code found=false}.
     */
    @ActivityMethod
    BillingSnapshot readBilling(String customerId);

    /**
     * Waits {@code debounceMillis}, notes which of the customer's events the inbox holds at that moment, then reads
     * as {@link #readBilling}. Read-only, retried like it. Used by runs from version {@code lean-tasks}: the wait
     * replaces a workflow timer, and the covered events spare the workflow a second read for events that arrived
     * while this one waited.
     */
    @ActivityMethod
    BillingRead readAfterBurst(BillingReadRequest request);
}
