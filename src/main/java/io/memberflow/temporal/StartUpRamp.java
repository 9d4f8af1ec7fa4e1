package io.memberflow.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How the customers' worker opens after a start ({@code memberflow.worker.start-up.*}). Its workflow-task and
 * local-activity slots begin at {@code slots} and grow geometrically to their full size
 * ({@code memberflow.worker.max-concurrent-workflow-tasks}, and {@link #LOCAL_ACTIVITY_SLOTS} local activities)
 * over {@code ramp}; regular activities are not ramped. A zero ramp opens everything at once.
 * <p>
 * Why: in its first seconds the JVM still loads and compiles the worker's code. With every slot open at once, dozens
 * of threads did that together, and the webhook handlers sharing the cores answered late (bench/RESULTS.md, "A
 * gentle start"). A backlog waiting at start is worked off a little later instead; nothing is refused.
 */
@Context
@ConfigurationProperties("memberflow.worker.start-up")
public record StartUpRamp(
        @NotNull Duration ramp,
        @Min(value = 1, message = "memberflow.worker.start-up.slots must be at least 1") int slots) {

    /** Local activities at once once fully open: the Temporal SDK's default, which memberflow used before the ramp. */
    public static final int LOCAL_ACTIVITY_SLOTS = 200;

    public StartUpRamp {
        if (ramp != null && ramp.isNegative()) {
            throw new IllegalArgumentException("memberflow.worker.start-up.ramp must not be negative, was " + ramp);
        }
    }

    /** Whether every slot is open from the start. */
    public boolean off() {
        return ramp.isZero();
    }

    /**
     * How many of {@code max} slots are open {@code elapsed} after the start: {@code slots} at first (fewer if the
     * maximum is lower), multiplied by the same factor each moment, {@code max} from {@code ramp} on.
     */
    public int openAt(int max, Duration elapsed) {
        int initial = Math.min(slots, max);
        if (off() || elapsed.compareTo(ramp) >= 0) {
            return max;
        }
        double share = Math.max(0, elapsed.toNanos()) / (double) ramp.toNanos();
        return (int) Math.min(max, Math.floor(initial * Math.pow(max / (double) initial, share)));
    }
}
