package io.memberflow.reconcile;

import io.memberflow.config.IntegrationProperties;
import io.memberflow.config.WebRole;
import io.memberflow.web.ErrorBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reconciliation runs (bearer ADMIN_TOKEN): {@code POST /admin/reconcile/runs {"mode":"repair"|"report","resume":id,
 * "overQuota":true}} starts one now (or goes on with a failed or quota-paused one; {@code overQuota} lets it spend Circle
 * requests beyond background work's share of the monthly quota) and answers 202 with its id; {@code GET /admin/reconcile/runs}
 * lists the newest, {@code GET /admin/reconcile/runs/{id}} gives one with its progress (rate, ETA) or report.
 */
@WebRole
@Controller("/admin/reconcile/runs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReconcileRunsController {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    /** The body; both fields optional. */
    public record StartBody(@Nullable String mode, @Nullable String resume, @Nullable Boolean overQuota) {
    }

    private final WorkflowClient client;
    private final boolean vendorsConfigured;
    private final ReconcileRuns runs;
    private final ReconcileProperties properties;
    private final Clock clock = Clock.systemUTC();

    /** The run itself happens on a worker (role {@code worker} or {@code all}), which polls the reconcile task queue. */
    public ReconcileRunsController(WorkflowClient client, IntegrationProperties.Circle circle, IntegrationProperties.Kit kit,
                                   ReconcileRuns runs, ReconcileProperties properties) {
        this.client = client;
        this.vendorsConfigured = circle.enabled() || kit.enabled();
        this.runs = runs;
        this.properties = properties;
    }

    @Post
    public HttpResponse<?> start(@Nullable @Body StartBody body) {
        if (!vendorsConfigured) {
            return ErrorBodies.of(HttpStatus.CONFLICT, "not_configured",
                    "set CIRCLE_API_TOKEN or KIT_API_KEY: in shadow mode there is nothing to reconcile");
        }
        String mode = body == null ? null : body.mode();
        if (mode != null && !mode.equals(ReconcileProperties.REPAIR) && !mode.equals(ReconcileProperties.REPORT)) {
            return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "mode is repair or report");
        }
        String resume = body == null ? null : body.resume();
        if (resume != null) {
            if (!RUN_ID.matcher(resume).matches()) {
                return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "resume is a run id");
            }
            ReconcileRun previous = runs.find(resume).orElse(null);
            if (previous == null) {
                return ErrorBodies.of(HttpStatus.NOT_FOUND, "not_found", "no reconciliation run " + resume);
            }
            if (!ReconcileRun.FAILED.equals(previous.status()) && !ReconcileRun.PAUSED.equals(previous.status())) {
                return ErrorBodies.of(HttpStatus.CONFLICT, "not_resumable",
                        "run " + resume + " is " + previous.status() + "; only a failed or paused run can be resumed");
            }
            if (stillRetried(resume)) {
                return ErrorBodies.of(HttpStatus.CONFLICT, "not_resumable", "run " + resume + " failed an attempt and"
                        + " Temporal is retrying it (its workflow is still running): wait for it, or terminate it first");
            }
        }
        String workflowId = ReconcileWorkflow.SCHEDULE_ID + (resume == null ? "-manual-" : "-resume-") + UUID.randomUUID();
        ReconcileWorkflow run = client.newWorkflowStub(ReconcileWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).setTaskQueue(properties.taskQueue()).build());
        Boolean overQuota = body == null ? null : body.overQuota();
        WorkflowClient.start(run::run, new ReconcileRequest("admin", mode, resume, overQuota));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", resume != null ? resume : workflowId);
        answer.put("workflowId", workflowId);
        answer.put("mode", mode != null ? mode : properties.mode());
        answer.put("status", ReconcileRun.RUNNING);
        return HttpResponse.accepted().body(answer);
    }

    /** True while the run's own workflow is open: Temporal retries its activity, which goes on from the row itself. */
    private boolean stillRetried(String runId) {
        try {
            return client.newUntypedWorkflowStub(runId).describe().getStatus()
                    == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (io.temporal.client.WorkflowNotFoundException e) {
            return false;
        }
    }

    @Get
    public List<Map<String, Object>> recent(@Nullable @QueryValue Integer limit) {
        Instant now = clock.instant();
        return runs.recent(limit == null ? 10 : limit).stream().map(r -> view(r, now)).toList();
    }

    @Get("/{id}")
    public HttpResponse<?> one(@PathVariable String id) {
        if (!RUN_ID.matcher(id).matches()) {
            return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_request", "not a run id");
        }
        return runs.find(id).<HttpResponse<?>>map(r -> HttpResponse.ok(view(r, clock.instant())))
                .orElseGet(() -> ErrorBodies.of(HttpStatus.NOT_FOUND, "not_found", "no reconciliation run " + id));
    }

    static Map<String, Object> view(ReconcileRun r, Instant now) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("mode", r.mode());
        v.put("trigger", r.trigger());
        v.put("status", r.status());
        v.put("startedAt", r.startedAt().toString());
        v.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        v.put("total", r.total());
        v.put("checked", r.checked());
        v.put("perSecond", Math.round(r.rate(now) * 10) / 10.0);
        v.put("etaSeconds", r.etaSeconds(now));
        v.put("counts", r.counts());
        v.put("examples", r.examples());
        v.put("calls", r.calls());
        v.put("repairsSent", r.repairsSent());
        v.put("tasksOpened", r.tasksOpened());
        v.put("error", r.error());
        return v;
    }
}
