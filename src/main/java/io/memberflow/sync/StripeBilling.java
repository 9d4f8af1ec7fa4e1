package io.memberflow.sync;

import com.stripe.StripeClient;
import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.BillingRead;
import io.memberflow.activities.BillingReadRequest;
import io.memberflow.activities.VendorFailures;
import io.memberflow.config.StripeProperties;
import io.memberflow.inbox.Inbox;
import io.memberflow.domain.BillingSnapshot;
import io.memberflow.integrations.RatePacer;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * The billing reads the workflow asks for: {@link StripeBillingReader} when STRIPE_API_KEY is set. Without a key the
 * workflow never asks for a read; if it did, the answer is a final error.
 */
@Factory
public class StripeBilling {

    /** One reader, so its pacer ({@code memberflow.stripe.reads-per-second}) is shared by every activity thread. */
    @Singleton
    @Requires(condition = VendorSettings.StripeOn.class)
    BillingActivities stripeReads(StripeClient client, StripeProperties properties, Inbox inbox) {
        return new StripeBillingReader(client, new RatePacer(properties.readsPerSecond()), Clock.systemUTC(),
                inbox::recentIds);
    }

    @Singleton
    @Requires(condition = VendorSettings.StripeOff.class)
    BillingActivities noStripeKey() {
        return new NoStripeKey();
    }

    /** Reads without a key: never asked for by the workflow (billing then comes from payloads); final if it is. */
    static final class NoStripeKey implements BillingActivities {
        @Override
        public BillingSnapshot readBilling(String customerId) {
            throw ApplicationFailure.newNonRetryableFailure("no STRIPE_API_KEY: Stripe cannot be read", VendorFailures.FINAL);
        }

        @Override
        public BillingRead readAfterBurst(BillingReadRequest request) {
            return new BillingRead(readBilling(request.customerId()), List.of());
        }
    }
}
