package io.memberflow.catchup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code memberflow.catch-up.*} (defaults in application.yml): how often the Temporal Schedule {@code stripe-catch-up}
 * runs ({@code interval}), how far before its cursor each run looks again ({@code overlap}: an event becomes listable
 * a little after its {@code created}), how far back the very first run looks when the inbox is empty
 * ({@code first-look-back}), the task queue of the catch-up worker, the wait before retrying a refused page
 * ({@code retry-backoff}, doubling) and how long {@code POST /admin/catch-up} waits for the result.
 */
@Context
@ConfigurationProperties("memberflow.catch-up")
public record CatchUpProperties(@NotNull(message = "memberflow.catch-up.interval is required") Duration interval,
                                @NotNull(message = "memberflow.catch-up.overlap is required") Duration overlap,
                                @NotNull(message = "memberflow.catch-up.first-look-back is required") Duration firstLookBack,
                                @NotBlank(message = "memberflow.catch-up.task-queue must not be blank") String taskQueue,
                                @NotNull(message = "memberflow.catch-up.retry-backoff is required") Duration retryBackoff,
                                @NotNull(message = "memberflow.catch-up.wait-for-result is required") Duration waitForResult) {

    /** Durations have no standard constraint annotation: their signs are checked here, naming the key. */
    public CatchUpProperties {
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            throw new ConfigurationException("memberflow.catch-up.interval must be positive, not " + interval);
        }
        requireNotNegative("overlap", overlap);
        requireNotNegative("first-look-back", firstLookBack);
        requireNotNegative("retry-backoff", retryBackoff);
        requireNotNegative("wait-for-result", waitForResult);
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value != null && value.isNegative()) {
            throw new ConfigurationException("memberflow.catch-up." + key + " must not be negative, not " + value);
        }
    }
}
