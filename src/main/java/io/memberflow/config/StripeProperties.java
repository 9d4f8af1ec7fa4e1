package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Stripe settings. {@code webhookSecrets} is the raw, comma-separated {@code STRIPE_WEBHOOK_SECRET}:
 * every listed secret is accepted, so a secret can be rolled without dropping deliveries.
 */
@ConfigurationProperties("memberflow.stripe")
public record StripeProperties(@Nullable String webhookSecrets,
                               @Nullable Duration tolerance,
                               @Nullable String apiKey,
                               @Nullable String apiBase) {

    /** Secret used only when no secret is configured and every other setting is an embedded default. */
    public static final String LOCAL_DEV_SECRET = "whsec_memberflow_local_development_only";

    public List<String> secrets() {
        if (webhookSecrets == null || webhookSecrets.isBlank()) {
            return List.of();
        }
        return Arrays.stream(webhookSecrets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public long toleranceSeconds() {
        return tolerance == null ? 300 : tolerance.toSeconds();
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
