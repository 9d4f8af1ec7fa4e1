package io.memberflow.intake;

/** The request was not signed by Stripe with a configured secret. Final: answered 400. */
public class InvalidSignatureException extends RuntimeException {
    public InvalidSignatureException(String message) {
        super(message);
    }
}
