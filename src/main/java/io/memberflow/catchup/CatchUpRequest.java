package io.memberflow.catchup;

import io.micronaut.core.annotation.Nullable;

/**
 * What one catch-up run is asked: {@code sinceEpochSecond} to list from a given time (on demand), or null to go on
 * from the cursor (the schedule). {@code trigger} says who asked ({@code schedule}, {@code admin}), for the log.
 */
public record CatchUpRequest(@Nullable Long sinceEpochSecond, @Nullable String trigger) {

    public static CatchUpRequest scheduled() {
        return new CatchUpRequest(null, "schedule");
    }
}
