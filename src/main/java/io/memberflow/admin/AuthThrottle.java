package io.memberflow.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong admin tokens per client address: the first {@value #FREE_FAILURES} failures within
 * {@link #WINDOW} cost nothing; after that the address is refused (429) for a delay that doubles with every
 * further failure, from 30 s up to 15 minutes. A success, or a quiet {@link #WINDOW}, forgets the address.
 */
final class AuthThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private record State(int failures, Instant last) { }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** How long this address must still wait, if it is being refused. */
    Optional<Duration> retryAfter(String address, Instant now) {
        State s = states.get(address);
        if (s == null || s.failures() < FREE_FAILURES) {
            return Optional.empty();
        }
        Instant until = s.last().plus(delay(s.failures()));
        return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Records a failure; returns the number of failures counted for this address in the current window. */
    int failure(String address, Instant now) {
        if (states.size() > MAX_TRACKED) {
            states.values().removeIf(s -> s.last().plus(WINDOW).isBefore(now));
        }
        return states.compute(address, (a, s) -> s == null || s.last().plus(WINDOW).isBefore(now)
                ? new State(1, now) : new State(s.failures() + 1, now)).failures();
    }

    void success(String address) {
        states.remove(address);
    }

    static Duration delay(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 10);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }
}
