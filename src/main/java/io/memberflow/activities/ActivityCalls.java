package io.memberflow.activities;

import io.memberflow.integrations.VendorCallException;
import io.memberflow.observability.Metrics;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;

/** Counts vendor side effects by outcome and attempt, from inside an activity. */
final class ActivityCalls {
    private ActivityCalls() {
    }

    static void count(Metrics metrics, String vendor, String operation, String outcome) {
        metrics.sideEffect(vendor, operation, outcome, attempt());
    }

    static ApplicationFailure failed(Metrics metrics, String vendor, String operation, VendorCallException e) {
        count(metrics, vendor, operation, e.isRetryable() ? "retryable_failure" : "final_failure");
        return VendorFailures.toFailure(e);
    }

    private static int attempt() {
        try {
            return Activity.getExecutionContext().getInfo().getAttempt();
        } catch (IllegalStateException | NullPointerException e) {
            return 1; // called outside an activity (tests)
        }
    }
}
