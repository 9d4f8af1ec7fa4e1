package io.memberflow.admin;

import io.memberflow.config.WebRole;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** The admin pages' sign-in and sign-out, and the form posts that act (each CSRF-checked); {@link ConsoleController} shows the pages. */
@WebRole
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public class AdminPageController {
    private final AdminService admin;
    private final AdminAuthenticator authenticator;
    private final AdminSessions sessions;
    private final PageSession pageSession;

    public AdminPageController(AdminService admin, AdminAuthenticator authenticator, AdminSessions sessions,
                               PageSession pageSession) {
        this.admin = admin;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.pageSession = pageSession;
    }

    @Get("/login")
    public String loginForm() {
        return AdminPages.login(null);
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> login(HttpRequest<?> request, @Body Map<String, String> form) {
        AdminAuthenticator.Decision decision = authenticator.checkToken(request, form.get("token"));
        if (decision.kind() == AdminAuthenticator.Kind.THROTTLED) {
            return HttpResponse.<String>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, AdminAuthenticator.retryAfterSeconds(decision.retryAfter()))
                    .body(AdminPages.login("Too many wrong tokens from your address. Try again later."));
        }
        if (!decision.ok()) {
            return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).body(AdminPages.login("That token is not right."));
        }
        Cookie cookie = sessionCookie(sessions.issue(Instant.now()), request).maxAge(AdminSessions.LIFETIME);
        return HttpResponse.<String>seeOther(URI.create("/admin/ui")).cookie(cookie);
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> logout(HttpRequest<?> request, @Body Map<String, String> form) {
        HttpResponse<String> refused = pageSession.csrfRefused(request, form);
        if (refused != null) {
            return refused;
        }
        sessions.revoke(AdminAuthenticator.sessionCookie(request), Instant.now());
        return HttpResponse.<String>seeOther(URI.create("/admin/login")).cookie(sessionCookie("", request).maxAge(0));
    }

    private static Cookie sessionCookie(String value, HttpRequest<?> request) {
        return Cookie.of(AdminAuthenticator.COOKIE, value).httpOnly(true).path("/admin")
                .sameSite(SameSite.Strict).secure(SameOrigin.https(request));
    }

    @Post(value = "/ui/customers/{customerId}/actions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> act(HttpRequest<?> request, @PathVariable String customerId, @Body Map<String, String> form) {
        HttpResponse<String> refused = pageSession.csrfRefused(request, form);
        if (refused != null) {
            return refused;
        }
        String flash = flash(() -> {
            Long taskId = form.get("taskId") == null || form.get("taskId").isBlank() ? null : Long.valueOf(form.get("taskId"));
            boolean sent = admin.act(customerId, form.getOrDefault("action", ""),
                    new io.memberflow.workflow.OperatorAction(form.get("actor"), form.get("reason"), taskId));
            return sent ? form.get("action") + " sent; it shows in the timeline once applied" : "no running workflow";
        });
        return back(customerId, flash);
    }

    @Post(value = "/ui/support-tasks/{id}/resolve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> resolve(HttpRequest<?> request, @PathVariable long id, @Body Map<String, String> form) {
        HttpResponse<String> refused = pageSession.csrfRefused(request, form);
        if (refused != null) {
            return refused;
        }
        String flash = flash(() -> admin.resolveTask(id, form.get("actor"), form.get("reason"))
                ? "task " + id + " resolution sent" : "no such task");
        String back = form.get("back");
        return back == null || back.isBlank() ? HttpResponse.seeOther(URI.create("/admin/ui")) : back(back, flash);
    }

    /** What an operator's form did, for the page's flash line: {@code send}'s answer, or why nothing was sent. */
    private static String flash(Supplier<String> send) {
        try {
            return send.get();
        } catch (AdminService.InvalidRequest | NumberFormatException e) {
            return "Not sent: " + e.getMessage();
        }
    }

    private static HttpResponse<String> back(String customerId, String flash) {
        return HttpResponse.seeOther(URI.create("/admin/ui/customers/" + Html.segment(customerId) + "?flash=" + enc(flash)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
