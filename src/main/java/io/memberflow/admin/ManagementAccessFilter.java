package io.memberflow.admin;

import io.memberflow.web.ErrorBodies;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sees what of the management endpoints. {@code /health/**}: everyone gets the status; the details (database,
 * disk, Temporal) only with {@code Authorization: Bearer <ADMIN_TOKEN>}: this filter takes them out of every other
 * answer (Micronaut binds an endpoint's principal before filters run, so {@code details-visible: AUTHENTICATED}
 * cannot see a filter's decision). {@code /prometheus}: the admin bearer token, unless
 * {@code memberflow.metrics.public} ({@code MEMBERFLOW_METRICS_PUBLIC=true}) opens it to every caller who can reach
 * the port. Wrong tokens are counted and throttled like every admin credential.
 */
@ServerFilter({"/health", "/health/**", "/prometheus", "/prometheus/**"})
public class ManagementAccessFilter implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementAccessFilter.class);
    private static final String ADMIN = "memberflow.management.admin";
    private final AdminAuthenticator authenticator;
    private final AdminProperties admin;
    private final boolean metricsPublic;

    public ManagementAccessFilter(AdminAuthenticator authenticator, AdminProperties admin,
                                  @Value("${memberflow.metrics.public}") boolean metricsPublic) {
        this.authenticator = authenticator;
        this.admin = admin;
        this.metricsPublic = metricsPublic;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        LOG.info("/prometheus is {}; /health details need the admin token", metricsPublic
                ? "open to every caller (MEMBERFLOW_METRICS_PUBLIC=true)"
                : admin.enabled() ? "readable with the admin token" : "closed (set ADMIN_TOKEN, or MEMBERFLOW_METRICS_PUBLIC=true)");
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> guard(MutableHttpRequest<?> request) {
        boolean metrics = request.getPath().startsWith("/prometheus");
        if (metrics && metricsPublic) {
            return null;
        }
        AdminAuthenticator.Decision decision = admin.enabled() && AdminAuthenticator.bearer(request) != null
                ? authenticator.authenticate(request, false)
                : new AdminAuthenticator.Decision(AdminAuthenticator.Kind.NONE, null);
        if (decision.ok()) {
            request.setAttribute(ADMIN, true);
            return null;
        }
        if (!metrics) {
            return null; // health answers anyway, status only
        }
        if (decision.kind() == AdminAuthenticator.Kind.THROTTLED) {
            return ErrorBodies.of(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "too many wrong admin tokens; retry later")
                    .header(HttpHeaders.RETRY_AFTER, AdminAuthenticator.retryAfterSeconds(decision.retryAfter()));
        }
        return ErrorBodies.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                        "send Authorization: Bearer <ADMIN_TOKEN> (or set MEMBERFLOW_METRICS_PUBLIC=true)")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    /** Health answers keep their status and lose their details unless the admin asked. */
    @ResponseFilter
    public void statusOnly(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getPath().startsWith("/health") && !request.getAttribute(ADMIN, Boolean.class).orElse(false)
                && response.getBody().orElse(null) instanceof HealthResult result) {
            response.body(HealthResult.builder(result.getName(), result.getStatus()).build());
        }
    }
}
