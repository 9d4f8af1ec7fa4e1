package io.memberflow.activities;

/**
 * The failure types a vendor activity fails with, so that retry policies and workflow code can tell them apart
 * without knowing the vendor's client: retryable ones keep the vendor's wait (Retry-After, or Kit's 60 s) as the
 * next retry delay; final ones are never retried.
 */
public final class VendorFailures {
    /** Failure type of a vendor error that retrying cannot fix (bad token, plan limit, invalid e-mail). */
    public static final String FINAL = "VendorFinalError";
    /** Failure type of a vendor error that may pass (5xx, 429, timeout). */
    public static final String RETRYABLE = "VendorRetryableError";

    private VendorFailures() {
    }
}
