package io.memberflow.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * In-process record of calls to a vendor that leaves no audit entry (the support webhook): last success, last
 * failure with its reason, and calls and failures in the last hour. Shared by the process (a static instance,
 * so an activity records a call in one line); a separate worker process keeps its own.
 */
public final class VendorHealth {
    /** Posts of new support tasks to SUPPORT_WEBHOOK_URL. */
    public static final VendorHealth SUPPORT_WEBHOOK = new VendorHealth();
    private static final Duration WINDOW = Duration.ofHours(1);

    private final Deque<Instant> calls = new ArrayDeque<>();
    private final Deque<Instant> failures = new ArrayDeque<>();
    private Instant lastSuccessAt;
    private Instant lastFailureAt;
    private String lastFailure;

    /** What the console shows. */
    public record Snapshot(Instant lastSuccessAt, Instant lastFailureAt, String lastFailure, long callsLastHour,
                           long failuresLastHour) {
    }

    /** Records one call: {@code ok} when the vendor accepted it, else {@code reason} says why not, in words. */
    public synchronized void record(boolean ok, String reason) {
        Instant now = Instant.now();
        calls.addLast(now);
        if (ok) {
            lastSuccessAt = now;
        } else {
            failures.addLast(now);
            lastFailureAt = now;
            lastFailure = reason;
        }
        trim(now);
    }

    public synchronized Snapshot snapshot() {
        trim(Instant.now());
        return new Snapshot(lastSuccessAt, lastFailureAt, lastFailure, calls.size(), failures.size());
    }

    private void trim(Instant now) {
        Instant from = now.minus(WINDOW);
        while (!calls.isEmpty() && calls.peekFirst().isBefore(from)) {
            calls.removeFirst();
        }
        while (!failures.isEmpty() && failures.peekFirst().isBefore(from)) {
            failures.removeFirst();
        }
    }
}
