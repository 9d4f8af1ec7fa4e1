package io.memberflow.sync;

import io.memberflow.activities.VendorFailures;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.observability.Metrics;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;

/** Counts vendor side effects by outcome and attempt, from inside an activity, and turns vendor errors into failures. */
final class ActivityCalls {
    private ActivityCalls() {
    }

    static void count(Metrics metrics, String vendor, String operation, String outcome) {
        metrics.sideEffect(vendor, operation, outcome, attempt());
    }

    static ApplicationFailure failed(Metrics metrics, String vendor, String operation, VendorCallException e) {
        count(metrics, vendor, operation, e.isRetryable() ? "retryable_failure" : "final_failure");
        return toFailure(e);
    }

    /**
     * The failure Temporal acts on: a retryable vendor error keeps the vendor's wait as the next retry delay; a final
     * one is non-retryable. Nothing else is caught here, so an unexpected error keeps its own type and retry behaviour.
     */
    static ApplicationFailure toFailure(VendorCallException e) {
        if (!e.isRetryable()) {
            return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), VendorFailures.FINAL, null);
        }
        ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
                .setType(VendorFailures.RETRYABLE)
                .setMessage(e.getMessage());
        if (e.getRetryAfter() != null) {
            builder.setNextRetryDelay(e.getRetryAfter());
        }
        return builder.build();
    }

    private static int attempt() {
        try {
            return Activity.getExecutionContext().getInfo().getAttempt();
        } catch (IllegalStateException | NullPointerException e) {
            return 1; // called outside an activity (tests)
        }
    }
}
