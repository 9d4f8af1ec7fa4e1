package io.memberflow.integrations;

/**
 * Spaces calls to at most {@code perSecond} per second across all threads of this process (a token bucket of
 * one second's worth). Blocks the calling activity thread until its turn; never fails.
 */
public final class RatePacer {
    private final long intervalNanos;
    private long next;

    public RatePacer(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.next = System.nanoTime() - 1_000_000_000L;
    }

    public void acquire() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long earliest = Math.max(next, now - 1_000_000_000L);
            next = earliest + intervalNanos;
            wait = earliest - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
