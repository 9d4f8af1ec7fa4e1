package io.memberflow.admin;

import io.micronaut.context.annotation.Requires;
import io.memberflow.intake.ErrorBodies;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards everything under {@code /admin}: {@code Authorization: Bearer <ADMIN_TOKEN>}, or (for the HTML page) the
 * HttpOnly, SameSite=Strict cookie that {@code /admin/login} sets. 401 otherwise; 404 for every admin path when
 * no token is configured.
 */
@Requires(property = "memberflow.role", notEquals = "worker")
@ServerFilter("/admin/**")
public class AdminAuthFilter implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
    static final String COOKIE = "memberflow_admin";

    private final AdminProperties properties;

    public AdminAuthFilter(AdminProperties properties) {
        this.properties = properties;
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
        if (!properties.enabled()) {
            return ErrorBodies.of(HttpStatus.NOT_FOUND, "admin_disabled", "set ADMIN_TOKEN to enable the admin view");
        }
        String path = request.getPath();
        if (path.equals("/admin/login")) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        if (presented == null) {
            presented = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        }
        if (properties.accepts(presented)) {
            return null;
        }
        if (path.startsWith("/admin/ui")) {
            return HttpResponse.seeOther(java.net.URI.create("/admin/login"));
        }
        return ErrorBodies.of(HttpStatus.UNAUTHORIZED, "unauthorized", "send Authorization: Bearer <ADMIN_TOKEN>")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
