package io.memberflow.kit;

import io.memberflow.intake.InvalidSignatureException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks {@code X-Kit-Signature: t=<unix seconds>,v1=<hex>[,v1=…]}: HMAC-SHA256 of {@code "<t>.<raw body>"} under
 * {@code KIT_WEBHOOK_SECRET} (comma-separated while a secret is rolled), any v1 may match (compared in constant
 * time), {@code t} within 5 minutes of now either way. Messages never echo the header or a secret.
 */
@Singleton
public class KitSignature {
    static final long TOLERANCE_SECONDS = 300;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private final List<byte[]> secrets;
    private final Clock clock;

    public KitSignature(@Value("${memberflow.kit.webhook-secret}") @Nullable String secrets) {
        this(secrets, Clock.systemUTC());
    }

    KitSignature(@Nullable String secrets, Clock clock) {
        this.secrets = secrets == null ? List.of() : Arrays.stream(secrets.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.clock = clock;
    }

    public boolean enabled() {
        return !secrets.isEmpty();
    }

    /** @throws InvalidSignatureException when missing, malformed, out of the 5-minute window, or no v1 matches */
    public void verify(byte[] body, @Nullable String header) {
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException("missing X-Kit-Signature header");
        }
        if (header.length() > 2048) {
            throw malformed();
        }
        Long t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item.trim() : item.substring(0, eq).trim();
            String value = eq < 0 ? "" : item.substring(eq + 1).trim();
            if (key.equals("t") && t == null && value.matches("\\d{1,11}")) {
                t = Long.parseLong(value);
            } else if (key.equals("v1") && HEX.matcher(value).matches()) {
                signatures.add(HexFormat.of().parseHex(value.toLowerCase()));
            } else if (!key.matches("v[0-9]{1,3}") || eq < 0) {
                throw malformed();
            }
        }
        if (t == null || signatures.isEmpty()) {
            throw malformed();
        }
        if (Math.abs(clock.instant().getEpochSecond() - t) > TOLERANCE_SECONDS) {
            throw new InvalidSignatureException("invalid signature: timestamp outside the 5-minute tolerance");
        }
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, t, body);
            for (byte[] signature : signatures) {
                if (MessageDigest.isEqual(expected, signature)) {
                    return;
                }
            }
        }
        throw new InvalidSignatureException("invalid signature: no signature matches");
    }

    /** The header Kit would send for this body at {@code at} (tests, and tools that replay a delivery). */
    public static String header(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), t, body));
    }

    private static byte[] hmac(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidSignatureException malformed() {
        return new InvalidSignatureException("invalid signature: malformed X-Kit-Signature header");
    }
}
