package io.memberflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The step logic of {@code bench --find-max}, free of I/O: whether a measured step kept up, the next offered rate or
 * the stop, and the answer.
 *
 * <p>A step passes when every journey got access, the {@code invoice.paid} → Circle access p95 is at most 2 s and the
 * sender reached at least 95 % of the offered events/s (an open-loop sender that falls behind measures its own limit,
 * not the service's). After a passing step the next one offers {@code factor} times the rate (×1.25 by default:
 * about ten steps span 20 → 150 events/s; fine enough that the answer is within 25 % of the true limit). The search
 * stops at the first failing step or after {@code maxSteps}; the answer is the passing step with the highest offered
 * rate, reported with the journeys a second it sustained.
 */
final class FindMax {
    static final double DEFAULT_START_RATE = 20;
    static final double DEFAULT_FACTOR = 1.25;
    static final int DEFAULT_MAX_STEPS = 12;
    /** A step whose payment → access p95 is above this no longer keeps up. */
    static final double ACCESS_P95_LIMIT_MS = 2000;
    /** The least share of the offered rate the sender must reach for a step to count. */
    static final double SENDER_SHARE = 0.95;

    private FindMax() {
    }

    /**
     * One measured step: offered and achieved events/s, journeys sent and with access, journeys with access a second
     * (from the first send to the last grant), ack p99 and payment → access p95 in ms (NaN when nothing was measured).
     */
    record Step(double offeredEventsPerS, double achievedEventsPerS, int journeys, int withAccess, double journeysPerS,
                double ackP99Ms, double accessP95Ms) {

        /** Why this step did not keep up; empty when it did. */
        Optional<String> failure() {
            List<String> why = new ArrayList<>();
            if (withAccess < journeys) {
                why.add("access " + withAccess + "/" + journeys);
            }
            if (Double.isNaN(accessP95Ms) || accessP95Ms > ACCESS_P95_LIMIT_MS) {
                why.add(String.format("payment->access p95 %s > %.0f s", Double.isNaN(accessP95Ms) ? "n/a"
                        : String.format("%.2f s", accessP95Ms / 1000), ACCESS_P95_LIMIT_MS / 1000));
            }
            if (!(achievedEventsPerS >= SENDER_SHARE * offeredEventsPerS)) {
                why.add(String.format("sender reached %.1f of %.1f events/s", achievedEventsPerS, offeredEventsPerS));
            }
            return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
        }

        boolean passed() {
            return failure().isEmpty();
        }
    }

    /**
     * After {@code steps} (in the order run): the next offered rate, or none with the reason to stop; and the best
     * passing step so far (none when no step passed).
     */
    record Decision(Optional<Double> nextRate, String stopReason, Optional<Step> best) {
        boolean stop() {
            return nextRate.isEmpty();
        }
    }

    static Decision next(List<Step> steps, double factor, int maxSteps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no step measured yet");
        }
        Optional<Step> best = steps.stream().filter(Step::passed)
                .max(java.util.Comparator.comparingDouble(Step::offeredEventsPerS));
        Step last = steps.get(steps.size() - 1);
        Optional<String> failure = last.failure();
        if (failure.isPresent()) {
            return new Decision(Optional.empty(), String.format("%.1f events/s did not keep up: %s",
                    last.offeredEventsPerS(), failure.get()), best);
        }
        if (steps.size() >= maxSteps) {
            return new Decision(Optional.empty(), "--max-steps " + maxSteps + " reached, every step kept up: the limit is"
                    + " higher", best);
        }
        return new Decision(Optional.of(last.offeredEventsPerS() * factor), "", best);
    }
}
