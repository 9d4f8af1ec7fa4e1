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
}
