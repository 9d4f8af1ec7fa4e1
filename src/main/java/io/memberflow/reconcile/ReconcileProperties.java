package io.memberflow.reconcile;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code memberflow.reconcile.*}. Vendor pacing, in requests a second per process: Circle allows 2,000 requests in
 * 5 minutes (6.7/s) per IP, Kit 120 a minute (2/s) per API key, and reconciliation shares both with the workflows'
 * own calls, so the defaults sit at or under them (Circle 6/s, Kit 2/s, Stripe 20/s). {@code mode}: {@code repair}
 * (drift is sent to each customer's workflow) or {@code report} (listed only). {@code interval}: how often the
 * Temporal Schedule {@code drift-reconcile} runs. {@code rateLimitWait}: how long a 429 without Retry-After is waited
 * out (Kit's window is 60 s).
 */
@ConfigurationProperties("memberflow.reconcile")
public record ReconcileProperties(@Nullable Double circlePerSecond, @Nullable Double kitPerSecond,
                                  @Nullable Double stripePerSecond, @Nullable String mode, @Nullable Duration interval,
                                  @Nullable String taskQueue, @Nullable Duration rateLimitWait) {
    public static final String REPAIR = "repair";
    public static final String REPORT = "report";

    public ReconcileProperties {
        if (mode != null && !mode.isBlank() && !mode.equals(REPAIR) && !mode.equals(REPORT)) {
            throw new IllegalArgumentException("memberflow.reconcile.mode must be repair or report, not " + mode);
        }
    }

    public double circlePerSecondOrDefault() {
        return circlePerSecond == null || circlePerSecond <= 0 ? 6 : circlePerSecond;
    }

    public double kitPerSecondOrDefault() {
        return kitPerSecond == null || kitPerSecond <= 0 ? 2 : kitPerSecond;
    }

    public double stripePerSecondOrDefault() {
        return stripePerSecond == null || stripePerSecond <= 0 ? 20 : stripePerSecond;
    }

    public String modeOrDefault() {
        return mode == null || mode.isBlank() ? REPAIR : mode;
    }

    public Duration intervalOrDefault() {
        return interval == null || interval.isZero() || interval.isNegative() ? Duration.ofHours(6) : interval;
    }

    public String taskQueueOrDefault() {
        return taskQueue == null || taskQueue.isBlank() ? "memberflow-reconcile" : taskQueue;
    }

    public Duration rateLimitWaitOrDefault() {
        return rateLimitWait == null || rateLimitWait.isNegative() ? Duration.ofSeconds(60) : rateLimitWait;
    }
}
