package io.memberflow.intake;

/** A correctly signed body that is not a usable Stripe event. Final: Stripe would resend the same bytes. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
