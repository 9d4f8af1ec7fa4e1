package io.memberflow.admin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The admin HTML page: customer search, state, access, tags, timeline, open support tasks and action buttons. */
@Requires(property = "memberflow.role", notEquals = "worker")
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public class AdminPageController {
    private final AdminService admin;
    private final AdminProperties properties;

    public AdminPageController(AdminService admin, AdminProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    @Get("/login")
    public String loginForm() {
        return AdminPages.login(null);
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> login(@Body Map<String, String> form) {
        if (!properties.accepts(form.get("token"))) {
            return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).body(AdminPages.login("That token is not right."));
        }
        Cookie cookie = Cookie.of(AdminAuthFilter.COOKIE, properties.token()).httpOnly(true).path("/admin")
                .sameSite(SameSite.Strict).maxAge(12 * 3600);
        return HttpResponse.<String>seeOther(URI.create("/admin/ui")).cookie(cookie);
    }

    @Get("/ui{?q}")
    public String home(@Nullable @QueryValue String q) {
        List<io.memberflow.persistence.CustomerView> results = List.of();
        if (q != null && !q.isBlank()) {
            results = q.contains("@") ? admin.findByEmail(q)
                    : admin.customer(q.trim()).map(d -> List.of(new io.memberflow.persistence.CustomerView(d.customerId(),
                    d.email(), d.state(), d.plan(), d.accessGranted(), java.util.Set.copyOf(d.circleAccessGroupIds()),
                    java.util.Set.copyOf(d.kitTagIds()), d.override(), d.lastEventId(), d.lastEventType(),
                    d.lastEventAt(), d.needsAttention(), d.lastFailure(), null, d.attention()))).orElse(List.of());
        }
        return AdminPages.home(q, results, admin.needingAttention(), admin.tasks("open"));
    }

    @Get("/ui/customers/{customerId}{?flash}")
    public HttpResponse<String> customer(@PathVariable String customerId, @Nullable @QueryValue String flash) {
        return admin.customer(customerId).map(d -> HttpResponse.ok(AdminPages.customer(d, flash)))
                .orElseGet(() -> HttpResponse.<String>notFound().body(Html.page("Not found",
                        "<h1>No customer " + Html.esc(customerId) + "</h1>")));
    }

    @Post(value = "/ui/customers/{customerId}/actions", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> act(@PathVariable String customerId, @Body Map<String, String> form) {
        String flash;
        try {
            Long taskId = form.get("taskId") == null || form.get("taskId").isBlank() ? null : Long.valueOf(form.get("taskId"));
            boolean sent = admin.act(customerId, form.getOrDefault("action", ""),
                    new io.memberflow.workflow.OperatorAction(form.get("actor"), form.get("reason"), taskId));
            flash = sent ? form.get("action") + " sent; it shows in the timeline once applied" : "no running workflow";
        } catch (AdminService.InvalidRequest | NumberFormatException e) {
            flash = "Not sent: " + e.getMessage();
        }
        return back(customerId, flash);
    }

    @Post(value = "/ui/support-tasks/{id}/resolve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> resolve(@PathVariable long id, @Body Map<String, String> form) {
        String flash;
        try {
            flash = admin.resolveTask(id, form.get("actor"), form.get("reason"))
                    ? "task " + id + " resolution sent" : "no such task";
        } catch (AdminService.InvalidRequest e) {
            flash = "Not sent: " + e.getMessage();
        }
        String back = form.get("back");
        return back == null || back.isBlank() ? HttpResponse.seeOther(URI.create("/admin/ui")) : back(back, flash);
    }

    private static HttpResponse<String> back(String customerId, String flash) {
        return HttpResponse.seeOther(URI.create("/admin/ui/customers/" + enc(customerId) + "?flash=" + enc(flash)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
