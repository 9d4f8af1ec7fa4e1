package io.memberflow.reconcile;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

/**
 * {@code memberflow.reconcile.*} (defaults in application.yml). Vendor pacing per process: Circle and Stripe in
 * requests a second (Circle allows 2,000 requests in 5 minutes per IP), Kit as the share {@code kitShare} of its
 * per-key limit ({@code memberflow.kit.requests-per-minute}); reconciliation shares both with the workflows' own calls. {@code mode}: {@code repair} (drift is sent to each customer's workflow)
 * or {@code report} (listed only). {@code interval}: how often the Temporal Schedule {@code drift-reconcile} runs.
 * {@code rateLimitWait}: how long a 429 without Retry-After is waited out. {@code retryBackoff}: the first wait before a
 * 5xx, timeout or missing answer is asked again (doubling up to a minute); {@code giveUpAfter}: how long one request
 * of a run may keep failing before the attempt fails (Temporal then retries the run from its last saved page).
 */
@Context
@ConfigurationProperties("memberflow.reconcile")
public record ReconcileProperties(
        @NotNull(message = "memberflow.reconcile.circle-per-second is required")
        @Positive(message = "memberflow.reconcile.circle-per-second must be positive") Double circlePerSecond,
        @NotNull(message = "memberflow.reconcile.kit-share is required")
        @Positive(message = "memberflow.reconcile.kit-share must be above 0 and at most 1")
        @DecimalMax(value = "1", message = "memberflow.reconcile.kit-share must be above 0 and at most 1") Double kitShare,
        @NotNull(message = "memberflow.reconcile.stripe-per-second is required")
        @Positive(message = "memberflow.reconcile.stripe-per-second must be positive") Double stripePerSecond,
        @NotNull(message = "memberflow.reconcile.mode is required")
        @Pattern(regexp = "repair|report", message = "memberflow.reconcile.mode must be repair or report") String mode,
        @NotNull(message = "memberflow.reconcile.interval is required") Duration interval,
        @NotBlank(message = "memberflow.reconcile.task-queue must not be blank") String taskQueue,
        @NotNull(message = "memberflow.reconcile.rate-limit-wait is required") Duration rateLimitWait,
        @NotNull(message = "memberflow.reconcile.retry-backoff is required") Duration retryBackoff,
        @NotNull(message = "memberflow.reconcile.give-up-after is required") Duration giveUpAfter) {
    public static final String REPAIR = "repair";
    public static final String REPORT = "report";

    /** Kit requests a second background work may make: its share of Kit's per-key limit. */
    public double kitPerSecond(int kitRequestsPerMinute) {
        return kitShare * kitRequestsPerMinute / 60.0;
    }

    /** Durations have no standard constraint annotation: their signs are checked here, naming the key. */
    public ReconcileProperties {
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            throw new ConfigurationException("memberflow.reconcile.interval must be positive, not " + interval);
        }
        if (rateLimitWait != null && rateLimitWait.isNegative()) {
            throw new ConfigurationException("memberflow.reconcile.rate-limit-wait must not be negative, not " + rateLimitWait);
        }
        if (retryBackoff != null && (retryBackoff.isZero() || retryBackoff.isNegative())) {
            throw new ConfigurationException("memberflow.reconcile.retry-backoff must be positive, not " + retryBackoff);
        }
        if (giveUpAfter != null && (giveUpAfter.isZero() || giveUpAfter.isNegative())) {
            throw new ConfigurationException("memberflow.reconcile.give-up-after must be positive, not " + giveUpAfter);
        }
    }
}
