package io.memberflow.intake;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.memberflow.config.StripeProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.List;

/**
 * Checks {@code Stripe-Signature} over the raw body bytes against every configured secret (so a secret can be
 * rolled) with stripe-java. The body is never re-serialised before checking.
 */
@Singleton
public class SignatureVerifier {
    private static final int MAX_HEADER = 2048;
    private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    private final List<String> secrets;
    private final long toleranceSeconds;

    public SignatureVerifier(StripeProperties properties, WebhookSecrets secrets) {
        this.secrets = secrets.secrets();
        this.toleranceSeconds = properties.tolerance().toSeconds();
    }

    /**
     * @throws InvalidSignatureException when the header is missing or malformed, its timestamp is more than the
     *     tolerance away from now (in either direction), or no secret verifies it; the message never holds a secret
     *     or echoes the header
     */
    public void verify(byte[] body, @Nullable String signatureHeader) {
        verify(body, signatureHeader, Instant.now());
    }

    void verify(byte[] body, @Nullable String signatureHeader, Instant now) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidSignatureException("missing Stripe-Signature header");
        }
        long timestamp = timestampOfWellFormed(signatureHeader);
        if (Math.abs(now.getEpochSecond() - timestamp) > toleranceSeconds) {
            throw new InvalidSignatureException("invalid signature: timestamp outside the tolerance zone");
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        String reason = "no signature matches";
        for (String secret : secrets) {
            try {
                Webhook.Signature.verifyHeader(payload, signatureHeader, secret, toleranceSeconds);
                return;
            } catch (RuntimeException e) {
                reason = "malformed Stripe-Signature header";
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

    /**
     * The {@code t} of a header shaped like Stripe's: {@code t=<unix seconds>,v1=<64 hex>[,v1=…]}, other schemes
     * (v0) allowed alongside. Anything else is refused before stripe-java sees it.
     */
    static long timestampOfWellFormed(String header) {
        if (header.length() > MAX_HEADER) {
            throw malformed();
        }
        Long t = null;
        boolean v1 = false;
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item.trim() : item.substring(0, eq).trim();
            String value = eq < 0 ? "" : item.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (t != null || !value.matches("\\d{1,11}")) {
                    throw malformed();
                }
                t = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (!HEX_SIGNATURE.matcher(value).matches()) {
                    throw malformed();
                }
                v1 = true;
            } else if (!key.matches("[a-z0-9_]{1,16}") || eq < 0) {
                throw malformed();
            }
        }
        if (t == null || !v1) {
            throw malformed();
        }
        return t;
    }

    private static InvalidSignatureException malformed() {
        return new InvalidSignatureException("invalid signature: malformed Stripe-Signature header");
    }
}
