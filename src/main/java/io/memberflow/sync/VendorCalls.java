package io.memberflow.sync;

import io.memberflow.activities.VendorFailures;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.observability.Metrics;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/**
 * What every Circle and Kit activity does around its calls: in shadow mode (no credential) it records the call
 * instead of making it; otherwise it checks the member's e-mail address, makes the calls, turns a vendor error into
 * the failure Temporal acts on, and counts the outcome by attempt.
 */
final class VendorCalls {
    private static final Logger LOG = LoggerFactory.getLogger(VendorCalls.class);
    /** Failure type of a vendor call made without an e-mail address. */
    static final String MISSING_EMAIL = "MissingEmail";

    /** The calls of one activity, made with the member's checked e-mail address. */
    @FunctionalInterface
    interface Calls {
        void make(String email) throws VendorCallException;
    }

    private final String vendor;
    private final String vendorName;
    private final boolean live;
    private final ShadowRecorder shadow;
    private final Metrics metrics;

    /**
     * @param vendor     the metrics and shadow-call name ({@code circle}, {@code kit})
     * @param vendorName the vendor as messages name it ({@code Circle})
     * @param credential the environment variable whose absence means shadow mode, for the start-up warning
     */
    VendorCalls(String vendor, String vendorName, boolean live, String credential, ShadowRecorder shadow, Metrics metrics) {
        this.vendor = vendor;
        this.vendorName = vendorName;
        this.live = live;
        this.shadow = shadow;
        this.metrics = metrics;
        if (!live) {
            LOG.warn("{} is not set: {} runs in shadow mode (calls are recorded, not made)", credential, vendorName);
        }
    }

    /**
     * Makes {@code calls} for one member, or records them in shadow mode.
     *
     * @return true when the calls were made (false in shadow mode)
     * @throws ApplicationFailure a vendor error ({@link VendorFailures}), or no e-mail address ({@value #MISSING_EMAIL})
     */
    boolean make(String operation, String customerId, String email, Collection<Long> ids, String cause, Calls calls) {
        if (!live) {
            shadow.record(vendor, operation, customerId, ids, cause);
            count(operation, "shadow");
            return false;
        }
        String address = emailFor(email, customerId);
        try {
            calls.make(address);
        } catch (VendorCallException e) {
            count(operation, e.isRetryable() ? "retryable_failure" : "final_failure");
            throw toFailure(e);
        }
        count(operation, "success");
        return true;
    }

    void count(String operation, String outcome) {
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
