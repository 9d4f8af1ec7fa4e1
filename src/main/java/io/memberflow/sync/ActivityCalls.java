package io.memberflow.sync;

import io.memberflow.activities.VendorFailures;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.observability.Metrics;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;

/** Counts vendor side effects by outcome and attempt, from inside an activity, and turns vendor errors into failures. */
final class ActivityCalls {
    /** Failure type of a vendor call made without an e-mail address. */
    static final String MISSING_EMAIL = "MissingEmail";

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

    /**
     * The member's address for a vendor call ({@link VendorHttp#requireEmail}); Circle and Kit address members by
     * e-mail, so without one the call cannot be made.
     *
     * @throws ApplicationFailure final ({@value #MISSING_EMAIL}): retried only when an event brings the e-mail
     */
    static String emailFor(String email, String vendor, String customerId) {
        try {
            return VendorHttp.requireEmail(email);
        } catch (IllegalArgumentException missing) {
            throw ApplicationFailure.newNonRetryableFailure("No e-mail is known for " + customerId + ", so " + vendor
                    + " cannot be updated; it is retried when an event brings the e-mail", MISSING_EMAIL);
        }
    }

    private static int attempt() {
        try {
            return Activity.getExecutionContext().getInfo().getAttempt();
        } catch (IllegalStateException | NullPointerException e) {
            return 1; // called outside an activity (tests)
        }
    }
}
