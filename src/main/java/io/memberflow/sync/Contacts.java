package io.memberflow.sync;

import io.temporal.failure.ApplicationFailure;

/** Circle and Kit address members by e-mail; without one a vendor call cannot be made. */
final class Contacts {
    private Contacts() {
    }

    /** @throws ApplicationFailure final ("MissingEmail"): retried only when an event brings the e-mail */
    static String requireEmail(String email, String vendor, String customerId) {
        if (email == null || email.isBlank()) {
            throw ApplicationFailure.newNonRetryableFailure("No e-mail is known for " + customerId
                    + ", so " + vendor + " cannot be updated; it is retried when an event brings the e-mail", "MissingEmail");
        }
        return email;
    }
}
