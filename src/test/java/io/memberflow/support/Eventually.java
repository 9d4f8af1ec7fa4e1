package io.memberflow.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds (asynchronous workflow effects), failing with a message after a timeout. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T await(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (last != null && done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        AssertionError error = new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
        if (lastError != null) {
            error.addSuppressed(lastError);
        }
        throw error;
    }
}
