package io.memberflow.sync;

import com.stripe.StripeClient;
import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.BillingRead;
import io.memberflow.activities.BillingReadRequest;
import io.memberflow.activities.VendorFailures;
import io.memberflow.config.StripeClients;
import io.memberflow.config.StripeProperties;
import io.memberflow.inbox.Inbox;
import io.memberflow.domain.BillingSnapshot;
import io.memberflow.integrations.RatePacer;
import io.micronaut.context.annotation.Factory;
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

    @Singleton
    BillingActivities billingActivities(StripeProperties properties, Inbox inbox) {
        StripeClient client = StripeClients.client(properties);
        if (client == null) {
            return new NoStripeKey();
        }
        return new StripeBillingReader(client, new RatePacer(properties.readsPerSecond()), Clock.systemUTC(),
                inbox::recentIds);
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
