package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** Vendor credentials and endpoints. A missing credential puts that integration in shadow mode. */
public final class IntegrationProperties {
    private IntegrationProperties() {
    }

    @ConfigurationProperties("memberflow.circle")
    public record Circle(@Nullable String apiToken, @Nullable String apiUrl) {
        public boolean enabled() {
            return apiToken != null && !apiToken.isBlank();
        }
    }

    /** {@code lifecycleTagIds}: Kit tag applied while the member is in a state (keys: past-due, canceled, …). */
    @ConfigurationProperties("memberflow.kit")
    public record Kit(@Nullable String apiKey, @Nullable String apiUrl, @Nullable Map<String, Long> lifecycleTagIds) {
        public boolean enabled() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    @ConfigurationProperties("memberflow.support")
    public record Support(@Nullable String webhookUrl) {
    }
}
