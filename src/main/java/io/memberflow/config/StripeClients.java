package io.memberflow.config;

import com.stripe.StripeClient;

/** The Stripe API client, when STRIPE_API_KEY is set (STRIPE_API_BASE overrides the base URL). */
public final class StripeClients {
    private StripeClients() {
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
