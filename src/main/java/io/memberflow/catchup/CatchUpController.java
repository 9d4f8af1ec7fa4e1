package io.memberflow.catchup;

import io.memberflow.config.WebRole;
import io.memberflow.config.StripeProperties;
import io.memberflow.web.ErrorBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /admin/catch-up {"since":"2026-11-20T00:00:00Z"}} (bearer ADMIN_TOKEN, like every {@code /admin} call):
 * runs a {@link CatchUpWorkflow} now, from {@code since} (or, without it, from the cursor as the schedule does), and
 * answers 200 with its counts, or 202 with the workflow id when it takes longer than {@code memberflow.catch-up.wait-for-result}.
 */
@WebRole
@Controller("/admin/catch-up")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CatchUpController {

    /** The body: {@code since} as an ISO-8601 instant, optional. */
    public record CatchUpBody(@Nullable String since) {
    }

    private final WorkflowClient client;
    private final StripeProperties stripe;
    private final CatchUpProperties properties;
    private final Clock clock = Clock.systemUTC();

    /** The run itself happens on a worker (role {@code worker} or {@code all}), which polls the catch-up task queue. */
    public CatchUpController(WorkflowClient client, StripeProperties stripe, CatchUpProperties properties) {
        this.client = client;
        this.stripe = stripe;
        this.properties = properties;
    }

    @Post
    public HttpResponse<?> catchUp(@Nullable @Body CatchUpBody body) {
        if (!stripe.hasApiKey()) {
            return ErrorBodies.of(HttpStatus.CONFLICT, "not_configured", "set STRIPE_API_KEY to catch up from Stripe");
        }
        Long since = null;
        if (body != null && body.since() != null && !body.since().isBlank()) {
            try {
                Instant at = Instant.parse(body.since().trim());
                if (at.isAfter(clock.instant())) {
                    return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "since is in the future");
                }
                since = at.getEpochSecond();
            } catch (DateTimeParseException e) {
                return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request",
                        "since must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
            }
        }
        String workflowId = CatchUpWorkflow.SCHEDULE_ID + "-manual-" + UUID.randomUUID();
        CatchUpWorkflow run = client.newWorkflowStub(CatchUpWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).setTaskQueue(properties.taskQueue()).build());
        WorkflowClient.start(run::run, new CatchUpRequest(since, "admin"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("workflowId", workflowId);
        try {
            CatchUpCounts counts = WorkflowStub.fromTyped(run).getResult(
                    properties.waitForResult().toMillis(), TimeUnit.MILLISECONDS, CatchUpCounts.class);
            answer.put("from", Instant.ofEpochSecond(counts.fromEpochSecond()).toString());
            answer.put("until", Instant.ofEpochSecond(counts.untilEpochSecond()).toString());
            answer.put("pages", counts.pages());
            answer.put("seen", counts.seen());
            answer.put("recovered", counts.recovered());
            answer.put("alreadyKnown", counts.alreadyKnown());
            answer.put("unreadable", counts.unreadable());
            return HttpResponse.ok(answer);
        } catch (TimeoutException e) {
            answer.put("status", "running");
            return HttpResponse.accepted().body(answer);
        }
    }
}
