package io.memberflow.activities;

/**
 * A read of Stripe after a burst of billing events.
 *
 * @param customerId     Stripe customer id
 * @param debounceMillis how long the activity waits before reading, so that the rest of a burst (a signup's
 *                       checkout, subscription and invoice events arrive milliseconds apart) is covered by this read
 */
public record BillingReadRequest(String customerId, long debounceMillis) {

    public BillingReadRequest {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
        if (debounceMillis < 0) {
            throw new IllegalArgumentException("debounceMillis must not be negative");
        }
    }

    /** Sleeps the debounce in the activity's thread; an interrupted wait fails the attempt (retried like any read). */
    public void waitDebounce() {
        if (debounceMillis == 0) {
            return;
        }
        try {
            Thread.sleep(debounceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before reading Stripe", e);
        }
    }
}
