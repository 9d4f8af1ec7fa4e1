package io.memberflow.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a request carries the admin's credentials: {@code Authorization: Bearer <ADMIN_TOKEN>} or, where
 * allowed, a valid session cookie. Every wrong token is logged (client address and path, never the token), counted
 * in {@code memberflow_admin_auth_failures_total} and throttled per client address ({@link AuthThrottle}).
 * The client address is the TCP peer: a proxy in front should itself limit what it forwards.
 */
@Singleton
public class AdminAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthenticator.class);
    public static final String COOKIE = "memberflow_admin";

    /** The outcome of a check. {@code retryAfter} is set only for {@link Kind#THROTTLED}. */
    public record Decision(Kind kind, @Nullable Duration retryAfter) {
        public boolean ok() {
            return kind == Kind.BEARER || kind == Kind.SESSION;
        }
    }

    public enum Kind { BEARER, SESSION, NONE, DENIED, THROTTLED }

    private final AdminProperties properties;
    private final AdminSessions sessions;
    private final AuthThrottle throttle = new AuthThrottle();
    private final Counter failures;
    private final Clock clock;

    public AdminAuthenticator(AdminProperties properties, AdminSessions sessions, MeterRegistry registry) {
        this(properties, sessions, registry, Clock.systemUTC());
    }

    AdminAuthenticator(AdminProperties properties, AdminSessions sessions, MeterRegistry registry, Clock clock) {
        this.properties = properties;
        this.sessions = sessions;
        this.clock = clock;
        this.failures = Counter.builder("memberflow.admin.auth.failures")
                .description("Requests that presented a wrong admin token").register(registry);
    }

    /** Bearer token first; then, if {@code sessionAllowed}, the session cookie. NONE when nothing was presented. */
    public Decision authenticate(HttpRequest<?> request, boolean sessionAllowed) {
        String bearer = bearer(request);
        if (bearer != null) {
            return checkToken(request, bearer);
        }
        if (sessionAllowed && sessions.valid(sessionCookie(request), clock.instant())) {
            return new Decision(Kind.SESSION, null);
        }
        return new Decision(Kind.NONE, null);
    }

    /** Checks a token typed into the sign-in form or sent as a bearer token. */
    public Decision checkToken(HttpRequest<?> request, @Nullable String presented) {
        String address = clientAddress(request);
        Optional<Duration> wait = throttle.retryAfter(address, clock.instant());
        if (wait.isPresent()) {
            LOG.warn("Admin authentication refused (throttled) from {} for {} {}", address, request.getMethodName(), request.getPath());
            return new Decision(Kind.THROTTLED, wait.get());
        }
        if (properties.accepts(presented)) {
            throttle.success(address);
            return new Decision(Kind.BEARER, null);
        }
        int count = throttle.failure(address, clock.instant());
        failures.increment();
        LOG.warn("Admin authentication failed from {} for {} {} ({} failure(s) from this address in the window)",
                address, request.getMethodName(), request.getPath(), count);
        return new Decision(Kind.DENIED, null);
    }

    public static @Nullable String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    public static @Nullable String sessionCookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
    }

    static String clientAddress(HttpRequest<?> request) {
        var remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** Seconds for a Retry-After header, at least 1. */
    public static String retryAfterSeconds(Duration wait) {
        return String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
