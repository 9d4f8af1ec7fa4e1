package io.memberflow.sync;

import io.memberflow.activities.VendorFailures;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.observability.Metrics;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;


/**
 * What every live Circle and Kit activity does around its calls: checks the member's e-mail address, makes the
 * calls, turns a vendor error into the failure Temporal acts on, and counts the outcome by attempt. Shadow mode (no
 * credential) is a bean of its own ({@link ShadowCommunityAccess}, {@link ShadowMarketing}).
 */
final class VendorCalls {
    /** Failure type of a vendor call made without an e-mail address. */
    static final String MISSING_EMAIL = "MissingEmail";

    /** The calls of one activity, made with the member's checked e-mail address. */
    @FunctionalInterface
    interface Calls {
        void make(String email) throws VendorCallException;
    }

    private final String vendor;
    private final String vendorName;
    private final Metrics metrics;

    /**
     * @param vendor     the metrics name ({@code circle}, {@code kit})
     * @param vendorName the vendor as messages name it ({@code Circle})
     */
    VendorCalls(String vendor, String vendorName, Metrics metrics) {
        this.vendor = vendor;
        this.vendorName = vendorName;
        this.metrics = metrics;
    }

    /**
     * Makes {@code calls} for one member.
     *
     * @throws ApplicationFailure a vendor error ({@link VendorFailures}), or no e-mail address ({@value #MISSING_EMAIL})
     */
    void make(String operation, String customerId, String email, Calls calls) {
        String address = emailFor(email, customerId);
        try {
            calls.make(address);
        } catch (VendorCallException e) {
            count(operation, e.isRetryable() ? "retryable_failure" : "final_failure");
            throw toFailure(e);
        }
        count(operation, "success");
    }

    void count(String operation, String outcome) {
        count(metrics, vendor, operation, outcome);
    }

    /** Counts one outcome of {@code vendor}'s {@code operation} under this activity attempt. */
    static void count(Metrics metrics, String vendor, String operation, String outcome) {
        metrics.sideEffect(vendor, operation, outcome, attempt());
    }

    /**
     * The member's address ({@link VendorHttp#requireEmail}): Circle and Kit address members by e-mail, so without
     * one the call cannot be made; retried only when an event brings the e-mail.
     */
    private String emailFor(String email, String customerId) {
        try {
            return VendorHttp.requireEmail(email);
        } catch (IllegalArgumentException missing) {
            throw ApplicationFailure.newNonRetryableFailure("No e-mail is known for " + customerId + ", so " + vendorName
                    + " cannot be updated; it is retried when an event brings the e-mail", MISSING_EMAIL);
        }
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
