package io.memberflow.reconcile;

import io.memberflow.web.ErrorBodies;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.regex.Pattern;

/**
 * {@code POST /admin/reconcile {"afterCustomerId":null|"cus_…","limit":100}} (bearer ADMIN_TOKEN): one page of the
 * drift report ({@link DriftReporter}), comparing what memberflow applied with what Circle and Kit hold. The
 * {@code reconcile} command calls it page after page. Report only: nothing is repaired.
 */
@Requires(property = "memberflow.role", notEquals = "worker")
@Controller("/admin/reconcile")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReconcileController {
    private static final Pattern CUSTOMER_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** The body; every field optional (first page, 100 customers). */
    public record PageRequest(@Nullable String afterCustomerId, @Nullable Integer limit) {
    }

    private final DriftReporter reporter;

    public ReconcileController(DriftReporter reporter) {
        this.reporter = reporter;
    }

    @Post
    public HttpResponse<?> page(@Nullable @Body PageRequest body) {
        PageRequest r = body == null ? new PageRequest(null, null) : body;
        if (r.afterCustomerId() != null && !CUSTOMER_ID.matcher(r.afterCustomerId()).matches()) {
            return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "afterCustomerId is a customer id");
        }
        if (r.limit() != null && (r.limit() < 1 || r.limit() > 200)) {
            return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request",
                    "limit is 1 to 200 (at the default pace a page of 100 takes about 100 s)");
        }
        return HttpResponse.ok(reporter.page(r.afterCustomerId(), r.limit() == null ? 100 : r.limit()));
    }
}
