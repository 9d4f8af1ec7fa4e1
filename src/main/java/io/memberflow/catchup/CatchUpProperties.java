package io.memberflow.catchup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code memberflow.catch-up.*}: how often the Temporal Schedule {@code stripe-catch-up} runs ({@code interval}),
 * how far before its cursor each run looks again ({@code overlap}: an event becomes listable a little after its
 * {@code created}), how far back the very first run looks when the inbox is empty ({@code first-look-back}), the
 * task queue of the catch-up worker, the wait before retrying a refused page ({@code retry-backoff}, doubling) and
 * how long {@code POST /admin/catch-up} waits for the result ({@code wait}).
 */
@ConfigurationProperties("memberflow.catch-up")
public record CatchUpProperties(@Nullable Duration interval, @Nullable Duration overlap,
                                @Nullable Duration firstLookBack, @Nullable String taskQueue,
                                @Nullable Duration retryBackoff, @Nullable Duration waitForResult) {

    public Duration intervalOrDefault() {
        return interval == null || interval.isZero() || interval.isNegative() ? Duration.ofMinutes(15) : interval;
    }

    public Duration overlapOrDefault() {
        return overlap == null || overlap.isNegative() ? Duration.ofMinutes(10) : overlap;
    }

    public Duration firstLookBackOrDefault() {
        return firstLookBack == null || firstLookBack.isNegative() ? Duration.ofHours(24) : firstLookBack;
    }

    public String taskQueueOrDefault() {
        return taskQueue == null || taskQueue.isBlank() ? "memberflow-catch-up" : taskQueue;
    }

    public Duration retryBackoffOrDefault() {
        return retryBackoff == null || retryBackoff.isNegative() ? Duration.ofSeconds(1) : retryBackoff;
    }

    public Duration waitForResultOrDefault() {
        return waitForResult == null || waitForResult.isNegative() ? Duration.ofMinutes(2) : waitForResult;
    }
}
