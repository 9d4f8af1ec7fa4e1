package io.memberflow.standin;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs a payload the way Stripe does: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed with the
 * endpoint secret>} (Stripe's "Verify webhook signatures manually" guide). Written on the JDK alone, so the tests that
 * sign with it do not share code with the stripe-java verifier they exercise. Used by {@code simulate}, bench and tests.
 */
public final class StripeSigner {
    private StripeSigner() {
    }

    public static String header(String payload, String secret, long unixSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static String header(String payload, String secret) {
        return header(payload, secret, System.currentTimeMillis() / 1000);
    }
}
