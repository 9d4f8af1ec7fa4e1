package io.memberflow.standin;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A rolling-window limit: a request is accepted when fewer than {@code limit} requests were accepted in the
 * {@code window} before it. Refused requests do not use up the allowance, so a client that keeps trying is let
 * through again as soon as the oldest accepted request falls out of the window.
 */
public final class RateLimit {
    /** A limit to start, one per caller. */
    public record Spec(int limit, Duration window) {
        public RateLimit start() {
            return new RateLimit(limit, window);
        }
    }

    private final int limit;
    private final long windowMillis;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();

    public RateLimit(int limit, Duration window) {
        if (limit <= 0 || window.toMillis() <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive limit and window");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** Whether a request at {@code nowMillis} (non-decreasing between calls) is within the limit; counts it if so. */
    public synchronized boolean tryAcquire(long nowMillis) {
        while (!accepted.isEmpty() && accepted.peekFirst() <= nowMillis - windowMillis) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            return false;
        }
        accepted.addLast(nowMillis);
        return true;
    }

    @Override
    public String toString() {
        return limit + " per " + Duration.ofMillis(windowMillis);
    }
}
