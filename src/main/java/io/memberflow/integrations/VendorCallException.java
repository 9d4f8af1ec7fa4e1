package io.memberflow.integrations;

import java.time.Duration;
import java.util.Objects;

/**
 * A call to a vendor API (Circle or Kit) that did not succeed, classified for the caller's retry policy.
 *
 * <p>{@link #isRetryable()} is {@code true} for 5xx, 408, 429 and for calls that got no HTTP answer
 * at all (I/O error or timeout, {@link #getHttpStatus()} {@code == 0}). Everything else (400, 401,
 * 403, an unexpected 404, 422, other 4xx, a 3xx redirect, a success answer that could not be read)
 * is final: repeating the call would give the same answer, and for Circle every 4xx also eats into
 * the monthly request quota. When the vendor told us how long to wait, {@link #getRetryAfter()}
 * carries it.
 *
 * <p>The message is meant for an operator: vendor, operation, HTTP status, what the vendor said and
 * what to do about it. It never contains an API secret or an e-mail address: e-mail addresses in
 * any part of it are replaced by {@code <email>}, and the vendor's text is cut to 200 characters.
 * Callers must therefore not put the secret into {@code call}; the clients also scrub it from the
 * vendor's text before it gets here.
 */
public class VendorCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest vendor text kept in the message. */
    static final int MAX_VENDOR_MESSAGE = 200;

    private final String vendor;
    private final String call;
    private final int httpStatus;
    private final boolean retryable;
    private final Duration retryAfter;
    private final String vendorMessage;
    private final String action;

    /**
     * @param vendor        {@code "circle"} or {@code "kit"}
     * @param call          short operation name without personal data, e.g. {@code "grant access group 101"}
     * @param httpStatus    the HTTP status, or 0 when no answer was received (I/O error, timeout)
     * @param retryable     whether repeating the same call later can succeed
     * @param retryAfter    how long the vendor asked us to wait, or {@code null} when it did not say
     * @param vendorMessage the vendor's own error text, or {@code null}; redacted and truncated here
     * @param action        what the operator or the caller should do, e.g. {@code "check KIT_API_KEY"}
     * @param cause         the underlying exception, or {@code null}
     */
    public VendorCallException(String vendor, String call, int httpStatus, boolean retryable,
                               Duration retryAfter, String vendorMessage, String action, Throwable cause) {
        super(cause);
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.call = Redaction.emails(Objects.requireNonNull(call, "call"));
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.vendorMessage = vendorMessage == null || vendorMessage.isBlank()
                ? null
                : Redaction.truncate(Redaction.emails(vendorMessage), MAX_VENDOR_MESSAGE);
        this.action = action == null ? null : Redaction.emails(action);
    }

    /**
     * The standard retry classification of an HTTP status: 5xx, 408, 429 and 0 (no answer) are
     * retryable, everything else is final.
     */
    public static boolean isRetryableStatus(int httpStatus) {
        return httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }

    /** {@code "circle"} or {@code "kit"}. */
    public String getVendor() {
        return vendor;
    }

    /** The short operation name, e.g. {@code "grant access group 101"}. */
    public String getCall() {
        return call;
    }

    /** The HTTP status of the vendor's answer, or 0 when there was none (I/O error or timeout). */
    public int getHttpStatus() {
        return httpStatus;
    }

    /** Whether repeating the call later can succeed; {@code false} means it is final. */
    public boolean isRetryable() {
        return retryable;
    }

    /** The delay the vendor asked for (or its documented default), or {@code null} if unknown. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /** The vendor's own error text, redacted and at most 200 characters; {@code null} if none. */
    public String getVendorMessage() {
        return vendorMessage;
    }

    /** What to do about it, e.g. {@code "check CIRCLE_API_TOKEN"}; may be {@code null}. */
    public String getAction() {
        return action;
    }

    @Override
    public String getMessage() {
        StringBuilder text = new StringBuilder()
                .append(vendor).append(' ').append(call).append(" failed: ")
                .append(httpStatus == 0 ? "no HTTP answer (I/O error or timeout)" : "HTTP " + httpStatus);
        if (vendorMessage != null) {
            text.append(", ").append(vendor).append(" says \"").append(vendorMessage).append('"');
        }
        if (action != null) {
            text.append("; ").append(action);
        }
        if (retryable) {
            text.append(retryAfter == null
                    ? " (retryable)"
                    : " (retryable after " + retryAfter.toSeconds() + " s)");
        } else {
            text.append(" (final, not retried)");
        }
        return text.toString();
    }
}
