package io.memberflow.backfill;

import io.memberflow.config.WebRole;
import io.memberflow.web.ErrorBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/backfill {"mode":"report|repair|count","startingAfter":"cus_…","limit":100,"run":"20261125"}}
 * (bearer ADMIN_TOKEN): one page of the backfill of existing Stripe customers ({@link CustomerBackfill}). The
 * {@code backfill} command calls it page after page. {@code run} names the backfill (default: today, UTC): the
 * trigger id {@code backfill-<customer>-<run>} makes a re-run of the same backfill a no-op for customers it reached.
 */
@WebRole
@Controller("/admin/backfill")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BackfillController {
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    /** The body; every field optional (mode report, first page, 100 customers, run = today). */
    public record BackfillRequest(@Nullable String mode, @Nullable String startingAfter, @Nullable Integer limit,
                                  @Nullable String run) {
    }

    private final CustomerBackfill backfill;

    public BackfillController(CustomerBackfill backfill) {
        this.backfill = backfill;
    }

    @Post
    public HttpResponse<?> page(@Nullable @Body BackfillRequest body) {
        if (!backfill.enabled()) {
            return ErrorBodies.of(HttpStatus.CONFLICT, "not_configured", "set STRIPE_API_KEY to backfill from Stripe");
        }
        BackfillRequest r = body == null ? new BackfillRequest(null, null, null, null) : body;
        CustomerBackfill.Mode mode;
        try {
            mode = CustomerBackfill.Mode.valueOf((r.mode() == null ? "report" : r.mode()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "mode is report, repair or count");
        }
        String run = r.run() == null || r.run().isBlank()
                ? LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") : r.run().trim();
        if (!RUN.matcher(run).matches()) {
            return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "run is 1 to 40 letters, digits, '.', '_' or '-'");
        }
        if (r.startingAfter() != null && !Pattern.matches("[\\x21-\\x7E]{1,255}", r.startingAfter())) {
            return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "startingAfter is a Stripe customer id");
        }
        try {
            return HttpResponse.ok(backfill.page(mode, r.startingAfter(), r.limit() == null ? 100 : r.limit(), run));
        } catch (CustomerBackfill.StripeListingFailed e) {
            return e.retryable
                    ? ErrorBodies.of(HttpStatus.SERVICE_UNAVAILABLE, "stripe_unavailable", e.getMessage() + "; retry this page")
                            .header("Retry-After", "2")
                    : ErrorBodies.of(HttpStatus.BAD_GATEWAY, "stripe_refused", e.getMessage());
        }
    }
}
