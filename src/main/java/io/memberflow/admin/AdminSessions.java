package io.memberflow.admin;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed, expiring admin sessions. A session cookie is {@code v1.<issuedAt>.<expiry>.<nonce>.<mac>}, the MAC an
 * HMAC-SHA256 over {@code issuedAt|expiry|nonce} with a key derived from ADMIN_TOKEN: the token itself never
 * leaves the server, and rotating it ends every session. Logging out revokes the session's nonce in this process
 * until it would have expired. The CSRF token of a session is an HMAC of its cookie value under the same key.
 */
@Singleton
public class AdminSessions {
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    public AdminSessions(AdminProperties properties) {
        this.key = properties.enabled()
                ? hmac(properties.token().getBytes(StandardCharsets.UTF_8), "memberflow admin session key v1")
                : null;
    }

    /** A new session cookie value, valid for {@link #LIFETIME} from {@code now}. */
    public String issue(Instant now) {
        requireKey();
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String payload = now.getEpochSecond() + "." + now.plus(LIFETIME).getEpochSecond() + "." + B64.encodeToString(nonce);
        return "v1." + payload + "." + mac(payload);
    }

    /** True for a cookie this server signed with the current token, not expired and not logged out. */
    public boolean valid(@Nullable String cookie, Instant now) {
        String[] p = parts(cookie);
        if (p == null) {
            return false;
        }
        try {
            long issuedAt = Long.parseLong(p[1]);
            long expiry = Long.parseLong(p[2]);
            return now.getEpochSecond() < expiry && issuedAt <= now.plus(CLOCK_SKEW).getEpochSecond()
                    && expiry - issuedAt <= LIFETIME.toSeconds() && !revoked.containsKey(p[3]);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Ends a session before its expiry (logout). */
    public void revoke(@Nullable String cookie, Instant now) {
        String[] p = parts(cookie);
        if (p != null) {
            revoked.values().removeIf(until -> until.isBefore(now));
            revoked.put(p[3], Instant.ofEpochSecond(Long.parseLong(p[2])));
        }
    }

    /** The CSRF token every state-changing form of this session carries. */
    public String csrfToken(String cookie) {
        requireKey();
        return mac("csrf|" + cookie);
    }

    public boolean csrfMatches(@Nullable String cookie, @Nullable String presented) {
        return key != null && cookie != null && presented != null && MessageDigest.isEqual(
                csrfToken(cookie).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The five parts of a well-formed cookie whose MAC verifies, else null. */
    private @Nullable String[] parts(@Nullable String cookie) {
        if (key == null || cookie == null) {
            return null;
        }
        String[] p = cookie.split("\\.");
        if (p.length != 5 || !p[0].equals("v1") || !p[1].matches("\\d{1,12}") || !p[2].matches("\\d{1,12}")) {
            return null;
        }
        String expected = mac(p[1] + "." + p[2] + "." + p[3]);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), p[4].getBytes(StandardCharsets.UTF_8)) ? p : null;
    }

    private String mac(String data) {
        return B64.encodeToString(hmac(key, data.replace('.', '|')));
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("ADMIN_TOKEN is not set");
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
