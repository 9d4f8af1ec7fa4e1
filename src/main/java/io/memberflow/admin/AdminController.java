package io.memberflow.admin;

import io.memberflow.config.WebRole;
import io.memberflow.web.ErrorBodies;
import io.memberflow.persistence.CustomerView;
import io.memberflow.workflow.OperatorAction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Map;

/** The admin JSON API (bearer ADMIN_TOKEN, see {@link AdminAuthFilter}). */
@WebRole
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminController {

    /** Body of an action: {@code {"action":"grantAccess","actor":"sam","reason":"…","taskId":null}}. */
    public record ActionRequest(@Nullable String action, @Nullable String actor, @Nullable String reason,
                                @Nullable Long taskId) {
    }

    /** Body of a resolve: {@code {"actor":"sam","reason":"refunded by hand"}}. */
    public record ResolveRequest(@Nullable String actor, @Nullable String reason) {
    }

    private final AdminService admin;
    private final OverviewService overview;

    public AdminController(AdminService admin, OverviewService overview) {
        this.admin = admin;
        this.overview = overview;
    }

    /** The console overview's figures (the page {@code /admin/ui} shows the same computation). */
    @Get("/overview")
    public Overview overview() {
        return overview.overview();
    }

    @Get("/customers/{customerId}")
    public HttpResponse<?> customer(@PathVariable String customerId) {
        return admin.customer(customerId).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> ErrorBodies.of(HttpStatus.NOT_FOUND, "not_found", "no customer " + customerId));
    }

    @Get("/customers")
    public List<CustomerView> byEmail(@Nullable @QueryValue String email) {
        return admin.findByEmail(email);
    }

    @Get("/support-tasks")
    public List<AdminService.TaskView> tasks(@Nullable @QueryValue String status) {
        return admin.tasks(status == null ? "open" : status);
    }

    @Post("/support-tasks/{id}/resolve")
    public HttpResponse<?> resolve(@PathVariable long id, @Body ResolveRequest body) {
        if (!admin.resolveTask(id, body.actor(), body.reason())) {
            return ErrorBodies.of(HttpStatus.NOT_FOUND, "not_found", "no support task " + id + " with a running workflow");
        }
        return HttpResponse.accepted().body(Map.of("accepted", true, "taskId", id));
    }

    @Post("/customers/{customerId}/actions")
    public HttpResponse<?> act(@PathVariable String customerId, @Body ActionRequest body) {
        boolean sent = admin.act(customerId, body.action() == null ? "" : body.action(),
                new OperatorAction(body.actor(), body.reason(), body.taskId()));
        if (!sent) {
            return ErrorBodies.of(HttpStatus.NOT_FOUND, "not_found", "no running workflow for " + customerId);
        }
        return HttpResponse.accepted().body(Map.of("accepted", true, "action", body.action()));
    }

    @Error(exception = AdminService.InvalidRequest.class)
    HttpResponse<?> invalid(AdminService.InvalidRequest e) {
        return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }
}
