package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.util.Map;

/** Vendor credentials and endpoints. A missing credential puts that integration in shadow mode. */
public final class IntegrationProperties {
    private IntegrationProperties() {
    }

    /**
     * {@code monthlyQuota}: the Admin API requests a month of the Circle plan (Business 5,000; Enterprise 30,000);
     * {@code liveReserve}: the share of it kept for live grants and revokes; reconciliation and the drift report
     * spend at most the rest.
     */
    @ConfigurationProperties("memberflow.circle")
    public record Circle(@Nullable String apiToken, @Nullable String apiUrl,
                         @NotNull(message = "memberflow.circle.monthly-quota is required")
                         @Positive(message = "memberflow.circle.monthly-quota must be positive") Integer monthlyQuota,
                         @NotNull(message = "memberflow.circle.live-reserve is required")
                         @DecimalMin(value = "0", message = "memberflow.circle.live-reserve must be 0 to 0.95")
                         @DecimalMax(value = "0.95", message = "memberflow.circle.live-reserve must be 0 to 0.95")
                         Double liveReserve) {
        public boolean enabled() {
            return apiToken != null && !apiToken.isBlank();
        }
    }

    /**
     * {@code lifecycleTagIds}: Kit tag applied while the member is in a state (keys: past-due, canceled, …);
     * {@code requestsPerMinute}: Kit's limit per API key (120 per 60 s), of which background work uses a share.
     */
    @ConfigurationProperties("memberflow.kit")
    public record Kit(@Nullable String apiKey, @Nullable String apiUrl, @Nullable Map<String, Long> lifecycleTagIds,
                      @NotNull(message = "memberflow.kit.requests-per-minute is required")
                      @Positive(message = "memberflow.kit.requests-per-minute must be positive") Integer requestsPerMinute) {
        public boolean enabled() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    @ConfigurationProperties("memberflow.support")
    public record Support(@Nullable String webhookUrl) {
    }
}
