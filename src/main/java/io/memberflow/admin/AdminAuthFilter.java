package io.memberflow.admin;

import io.memberflow.config.WebRole;
import io.memberflow.web.ErrorBodies;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * Guards everything under {@code /admin}: {@code Authorization: Bearer <ADMIN_TOKEN>} anywhere, or (for the HTML
 * page under {@code /admin/ui} and {@code /admin/logout}) the signed session cookie that {@code /admin/login}
 * sets. 401 otherwise, 429 while a client address is throttled for wrong tokens, 404 for every admin path when no
 * token is configured. A POST made with the session cookie must come from this site (Origin / Sec-Fetch-Site);
 * the controller also checks its CSRF token. Every admin answer is marked no-store and not frameable.
 */
@WebRole
@ServerFilter("/admin/**")
public class AdminAuthFilter implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
    static final String VIA = "memberflow.admin.via";
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final AdminProperties properties;
    private final AdminAuthenticator authenticator;

    public AdminAuthFilter(AdminProperties properties, AdminAuthenticator authenticator) {
        this.properties = properties;
        this.authenticator = authenticator;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (properties.enabled()) {
            LOG.info("Admin view enabled at /admin/ui and /admin/customers (bearer ADMIN_TOKEN)");
        } else {
            LOG.warn("ADMIN_TOKEN is not set: the admin endpoints are disabled");
        }
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        MutableHttpResponse<?> refusal = refusal(request);
        if (refusal != null) {
            securityHeaders(refusal); // a refusal skips the response filter
        }
        return refusal;
    }

    private @Nullable MutableHttpResponse<?> refusal(HttpRequest<?> request) {
        if (!properties.enabled()) {
            return ErrorBodies.of(HttpStatus.NOT_FOUND, "admin_disabled", "set ADMIN_TOKEN to enable the admin view");
        }
        String path = request.getPath();
        boolean page = path.startsWith("/admin/ui") || path.equals("/admin/logout");
        boolean post = request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD;
        if (path.equals("/admin/login")) {
            return post && !SameOrigin.check(request) ? crossSite() : null;
        }
        AdminAuthenticator.Decision decision = authenticator.authenticate(request, page);
        switch (decision.kind()) {
            case BEARER, SESSION -> {
                if (decision.kind() == AdminAuthenticator.Kind.SESSION && post && !SameOrigin.check(request)) {
                    return crossSite();
                }
                request.setAttribute(VIA, decision.kind());
                return null;
            }
            case THROTTLED -> {
                return ErrorBodies.of(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                                "too many wrong admin tokens from this address; retry later")
                        .header(HttpHeaders.RETRY_AFTER, AdminAuthenticator.retryAfterSeconds(decision.retryAfter()));
            }
            case NONE -> {
                if (page) {
                    return HttpResponse.seeOther(URI.create("/admin/login"));
                }
            }
            default -> { }
        }
        return ErrorBodies.of(HttpStatus.UNAUTHORIZED, "unauthorized", "send Authorization: Bearer <ADMIN_TOKEN>")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @ResponseFilter
    public void securityHeaders(MutableHttpResponse<?> response) {
        response.header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin"); // no-referrer would make browsers send "Origin: null" on our own forms
    }

    private static MutableHttpResponse<?> crossSite() {
        return ErrorBodies.of(HttpStatus.FORBIDDEN, "cross_site_request", "admin forms must be sent from the admin page");
    }
}
