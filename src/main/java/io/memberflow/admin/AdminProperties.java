package io.memberflow.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code memberflow.admin.token} (ADMIN_TOKEN). Without it the admin endpoints are disabled. */
@ConfigurationProperties("memberflow.admin")
public record AdminProperties(@Nullable String token) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    /** Constant-time comparison, so response time does not reveal how much of a guess was right. */
    public boolean accepts(@Nullable String presented) {
        return enabled() && presented != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
