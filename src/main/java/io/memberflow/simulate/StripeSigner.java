package io.memberflow.simulate;

import com.stripe.net.Webhook;

import java.security.GeneralSecurityException;

/** Signs a payload the way Stripe does ({@code t=<unix>,v1=<hmac-sha256 of "t.payload">}); used by simulate and tests. */
public final class StripeSigner {
    private StripeSigner() {
    }

    public static String header(String payload, String secret, long unixSeconds) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, unixSeconds);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(String payload, String secret) {
        return header(payload, secret, System.currentTimeMillis() / 1000);
    }
}
