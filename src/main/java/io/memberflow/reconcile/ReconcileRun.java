package io.memberflow.reconcile;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A reconciliation run as stored in {@code reconcile_run}: progress while {@code status} is {@code running}, the
 * report once it is {@code done} (or {@code failed}, or {@code paused_quota}, with {@code error} in words). {@code counts}: customers by kind of drift
 * (see {@link CustomerDrift#KINDS}, plus {@code circle_unknown_member} for paid-group members memberflow does not
 * know); {@code calls}: requests made per vendor and signals sent; examples carry ids only.
 */
public record ReconcileRun(String id, String mode, String trigger, String status, Instant startedAt, Instant updatedAt,
                           @Nullable Instant finishedAt, int total, int checked, @Nullable String cursor,
                           Map<String, Integer> counts, List<DriftExample> examples, Map<String, Long> calls,
                           int repairsSent, int tasksOpened, @Nullable String error) {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    /** Stopped before spending more of Circle's monthly quota than background work's share; {@code error} says why. */
    public static final String PAUSED = "paused_quota";
    public static final String UNKNOWN_MEMBER = "circle_unknown_member";

    /** Customers checked a second, so far. */
    public double rate(Instant now) {
        Instant end = finishedAt != null ? finishedAt : now;
        double seconds = Math.max(0.001, (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
        return checked / seconds;
    }

    /** Seconds left at the rate so far; null when done or not known yet. */
    public @Nullable Long etaSeconds(Instant now) {
        double rate = rate(now);
        if (!RUNNING.equals(status) || checked == 0 || rate <= 0) {
            return null;
        }
        return Math.round(Math.max(0, total - checked) / rate);
    }
}
