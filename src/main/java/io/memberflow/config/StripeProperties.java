package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Stripe settings ({@code memberflow.stripe.*}; defaults in application.yml). {@code webhookSecrets} is the raw,
 * comma-separated {@code STRIPE_WEBHOOK_SECRET}: every listed secret is accepted, so a secret can be rolled without
 * dropping deliveries. With an API key, {@code readDebounce} (0 to 30 s, checked with the engine settings) is how
 * long the workflow waits after a billing event before reading, and {@code readsPerSecond} paces the reads.
 */
@Context
@ConfigurationProperties("memberflow.stripe")
public record StripeProperties(@Nullable String webhookSecrets,
                               @NotNull(message = "memberflow.stripe.tolerance is required") Duration tolerance,
                               @Nullable String apiKey,
                               @Nullable String apiBase,
                               @NotNull(message = "memberflow.stripe.read-debounce is required") Duration readDebounce,
                               @Positive(message = "memberflow.stripe.reads-per-second must be positive") double readsPerSecond) {

    /** Secret used only when no secret is configured and every other setting is an embedded default. */
    public static final String LOCAL_DEV_SECRET = "whsec_memberflow_local_development_only";

    public List<String> secrets() {
        if (webhookSecrets == null || webhookSecrets.isBlank()) {
            return List.of();
        }
        return Arrays.stream(webhookSecrets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
