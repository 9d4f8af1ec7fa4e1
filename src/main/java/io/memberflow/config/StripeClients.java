package io.memberflow.config;

import com.stripe.StripeClient;
import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.RatePacer;
import io.memberflow.activities.StripeBillingReader;
import io.memberflow.activities.VendorFailures;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The Stripe API client (when STRIPE_API_KEY is set; STRIPE_API_BASE overrides the base URL) and the billing
 * reads built on it. Without a key the workflow never asks for a read; if it did, the answer is a final error.
 */
@Factory
public class StripeClients {

    @Singleton
    BillingActivities billingActivities(StripeProperties properties,
                                        @Value("${memberflow.stripe.reads-per-second:50}") double readsPerSecond) {
        StripeClient client = client(properties);
        if (client == null) {
            return new NoStripeKey();
        }
        return new StripeBillingReader(client, new RatePacer(readsPerSecond), Clock.systemUTC());
    }

    /** Reads without a key: never asked for by the workflow (billing then comes from payloads); final if it is. */
    public static final class NoStripeKey implements BillingActivities {
        @Override
        public io.memberflow.domain.BillingSnapshot readBilling(String customerId) {
            throw ApplicationFailure.newNonRetryableFailure("no STRIPE_API_KEY: Stripe cannot be read", VendorFailures.FINAL);
        }
    }

    /** A client with short timeouts and no retries of its own (Temporal retries activities), or null without a key. */
    public static StripeClient client(StripeProperties properties) {
        if (!properties.hasApiKey()) {
            return null;
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(properties.apiKey())
                .setConnectTimeout(3_000)
                .setReadTimeout(10_000)
                .setMaxNetworkRetries(0);
        if (properties.apiBase() != null && !properties.apiBase().isBlank()) {
            builder.setApiBase(properties.apiBase());
        }
        return builder.build();
    }
}
