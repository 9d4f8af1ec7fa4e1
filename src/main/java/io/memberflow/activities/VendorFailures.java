package io.memberflow.activities;

import io.memberflow.integrations.VendorCallException;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns a vendor error into the failure Temporal acts on: retryable ones keep the vendor's wait (Retry-After,
 * or Kit's 60 s) as the next retry delay; final ones are non-retryable. Nothing else is caught here, so an
 * unexpected error keeps its own type and retry behaviour.
 */
public final class VendorFailures {
    /** Failure type of a vendor error that retrying cannot fix (bad token, plan limit, invalid e-mail). */
    public static final String FINAL = "VendorFinalError";
    /** Failure type of a vendor error that may pass (5xx, 429, timeout). */
    public static final String RETRYABLE = "VendorRetryableError";

    private VendorFailures() {
    }

    public static ApplicationFailure toFailure(VendorCallException e) {
        if (!e.isRetryable()) {
            return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), FINAL, null);
        }
        ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
                .setType(RETRYABLE)
                .setMessage(e.getMessage());
        if (e.getRetryAfter() != null) {
            builder.setNextRetryDelay(e.getRetryAfter());
        }
        return builder.build();
    }
}
