package io.memberflow.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memberflow.admin.AdminApiCall;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code reconcile --run repair|report} or {@code reconcile --resume <run id>} ({@code --url}, {@code --admin-token}
 * as for every admin command): starts a reconciliation run through {@code POST /admin/reconcile/runs}, then prints a
 * progress bar (count, rate, ETA) every {@code --every} seconds (2) until it ends, and a summary. Interrupting the
 * command does not stop the run; run it with {@code --resume} only after a run failed. Exit code 0 when the run found
 * no drift, 3 when it found some, 1 when it failed, 2 for a usage error.
 */
final class ReconcileRunCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AdminApiCall admin;
    private final PrintStream out;
    private final Duration every;

    ReconcileRunCommand(AdminApiCall admin, PrintStream out, Duration every) {
        this.admin = admin;
        this.out = out;
        this.every = every;
    }

    int start(String mode, String resume) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        if (mode != null) {
            body.put("mode", mode);
        }
        if (resume != null) {
            body.put("resume", resume);
        }
        HttpResponse<String> started = admin.post("/admin/reconcile/runs", body.toString(), Duration.ofSeconds(30));
        if (started.statusCode() != 202) {
            out.println("Reconciliation refused (HTTP " + started.statusCode() + "): " + started.body());
            return started.statusCode() == 400 ? 2 : 1;
        }
        String runId = JSON.readTree(started.body()).path("runId").asText();
        out.println("Reconciliation " + runId + " started (" + JSON.readTree(started.body()).path("mode").asText() + ")");
        while (true) {
            Thread.sleep(every.toMillis());
            HttpResponse<String> r = admin.get("/admin/reconcile/runs/" + runId, Duration.ofSeconds(30));
            if (r.statusCode() == 404) {
                out.println("[reconcile] waiting for the run to start…");
                continue;
            }
            if (r.statusCode() != 200) {
                out.println("Could not read run " + runId + " (HTTP " + r.statusCode() + "): " + r.body());
                return 1;
            }
            JsonNode run = JSON.readTree(r.body());
            out.println(progressLine(run));
            String status = run.path("status").asText();
            if (!status.equals(ReconcileRun.RUNNING)) {
                out.println(summary(run));
                if (status.equals(ReconcileRun.FAILED)) {
                    out.println("Resume it with: reconcile --resume " + runId);
                    return 1;
                }
                if (status.equals(ReconcileRun.PAUSED)) {
                    out.println(run.path("error").asText());
                    out.println("It goes on with the next scheduled run once the month's count starts again; to go on now:"
                            + " POST /admin/reconcile/runs {\"resume\":\"" + runId + "\",\"overQuota\":true}");
                    return 4;
                }
                return drifted(run) > 0 ? 3 : 0;
            }
        }
    }

    static String progressLine(JsonNode run) {
        int total = run.path("total").asInt();
        int checked = run.path("checked").asInt();
        int width = 30;
        int filled = total <= 0 ? 0 : (int) Math.round(width * Math.min(1.0, (double) checked / total));
        String eta = run.path("etaSeconds").isNumber() ? "ETA " + run.path("etaSeconds").asLong() + " s" : "";
        return String.format("[%s%s] %d/%d customers, %.1f/s %s", "#".repeat(filled), ".".repeat(width - filled), checked,
                total, run.path("perSecond").asDouble(), eta).trim();
    }

    static String summary(JsonNode run) {
        StringBuilder found = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.path("counts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt() > 0) {
                found.append(found.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asInt());
            }
        }
        return String.format("Reconciliation %s %s: %d customers; %s; %d repair(s) sent, %d support task(s); calls %s%s",
                run.path("id").asText(), run.path("status").asText(), run.path("checked").asInt(), found,
                run.path("repairsSent").asInt(), run.path("tasksOpened").asInt(), run.path("calls"),
                run.path("error").isTextual() ? "; stopped by " + run.path("error").asText() : "");
    }

    private static long drifted(JsonNode run) {
        long n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = run.path("counts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(CustomerDrift.OK)) {
                n += e.getValue().asLong();
            }
        }
        return n;
    }
}
