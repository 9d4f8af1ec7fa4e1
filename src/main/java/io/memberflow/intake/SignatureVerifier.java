package io.memberflow.intake;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.memberflow.config.StripeProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks {@code Stripe-Signature} over the raw body bytes against every configured secret (so a secret can be
 * rolled) with stripe-java. The body is never re-serialised before checking.
 */
@Singleton
public class SignatureVerifier {
    private final List<String> secrets;
    private final long toleranceSeconds;

    public SignatureVerifier(StripeProperties properties, WebhookSecrets secrets) {
        this.secrets = secrets.secrets();
        this.toleranceSeconds = properties.toleranceSeconds();
    }

    /** @throws InvalidSignatureException when no secret verifies the header; its message never holds a secret */
    public void verify(byte[] body, @Nullable String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidSignatureException("missing Stripe-Signature header");
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        String reason = "no signature matches";
        for (String secret : secrets) {
            try {
                Webhook.Signature.verifyHeader(payload, signatureHeader, secret, toleranceSeconds);
                return;
            } catch (SignatureVerificationException e) {
                String message = e.getMessage() == null ? "" : e.getMessage();
                if (message.contains("tolerance")) {
                    reason = "timestamp outside the tolerance zone";
                } else if (message.contains("Unable to extract")) {
                    reason = "malformed Stripe-Signature header";
                }
            }
        }
        throw new InvalidSignatureException("invalid signature: " + reason);
    }
}
