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
 * {@code java -jar memberflow.jar reconcile [--run report|repair] [--resume <run id>] [--every 2]} ({@code --url},
 * {@code --admin-token} as for every admin command): starts a reconciliation run through
 * {@code POST /admin/reconcile/runs} (report mode unless {@code --run repair}: the command never repairs unasked),
 * then prints a progress bar (count, rate, ETA) every {@code --every} seconds until the run ends, and a summary.
 * Interrupting the command does not stop the run; {@code --resume} goes on with a failed or paused run. Exit code 0
 * when the run found no drift (or in shadow mode, where there is nothing to compare), 3 when it found some, 1 when
 * it failed, 4 when it paused on Circle's quota, 2 for a usage error.
 */
public final class ReconcileCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AdminApiCall admin;
    private final PrintStream out;
    private final Duration every;

    private ReconcileCommand(AdminApiCall admin, PrintStream out, Duration every) {
        this.admin = admin;
        this.out = out;
        this.every = every;
    }

    public static int run(Map<String, String> options, PrintStream out) {
        if (options.containsKey("limit") || options.containsKey("after")) {
            out.println("--limit and --after belonged to the page-by-page drift report, which is retired: `reconcile`"
                    + " now starts a reconciliation run in report mode (it checks every customer and saves its progress;"
                    + " resume a failed run with --resume <run id>).");
            return 2;
        }
        String mode = options.getOrDefault("run", ReconcileProperties.REPORT);
        if (!mode.equals(ReconcileProperties.REPAIR) && !mode.equals(ReconcileProperties.REPORT)) {
            out.println("--run is repair or report");
            return 2;
        }
        Duration every;
        try {
            every = Duration.ofSeconds(Long.parseLong(options.getOrDefault("every", "2")));
        } catch (NumberFormatException e) {
            out.println("--every is a number of seconds");
            return 2;
        }
        AdminApiCall admin = AdminApiCall.from(options, "/admin/reconcile/runs", out).orElse(null);
        if (admin == null) {
            return 2;
        }
        // A resumed run keeps its own mode unless --run says otherwise.
        String resume = options.get("resume");
        String runMode = resume == null ? mode : options.get("run");
        return admin.exitCode(() -> new ReconcileCommand(admin, out, every).start(runMode, resume), out);
    }

    private int start(String mode, String resume) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        if (mode != null) {
            body.put("mode", mode);
        }
        if (resume != null) {
            body.put("resume", resume);
        }
        HttpResponse<String> started = admin.post("/admin/reconcile/runs", body.toString(), Duration.ofSeconds(30));
        if (started.statusCode() == 409 && JSON.readTree(started.body()).path("error").asText().equals("not_configured")) {
            out.println("Nothing to reconcile: " + JSON.readTree(started.body()).path("message").asText());
            return 0;
        }
        if (started.statusCode() != 202) {
            out.println("Reconciliation refused (HTTP " + started.statusCode() + "): " + started.body());
            return started.statusCode() == 400 ? 2 : 1;
        }
        JsonNode answer = JSON.readTree(started.body());
        String runId = answer.path("runId").asText();
        out.println("Reconciliation " + runId + " started (" + answer.path("mode").asText() + ")");
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
                return finished(run, runId, status);
            }
        }
    }

    private int finished(JsonNode run, String runId, String status) {
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
        if (drifted(run) == 0) {
            return 0;
        }
        if (run.path("examples").size() > 0) {
            out.println("Drifted (up to " + DriftReconciler.MAX_EXAMPLES + " examples):");
            for (JsonNode example : run.path("examples")) {
                out.printf("  %-40s %-22s %s%s%n", example.path("customerId").asText(), example.path("kind").asText(),
                        example.path("ids"), example.path("detail").isTextual() ? " " + example.get("detail").asText() : "");
            }
        }
        if (ReconcileProperties.REPORT.equals(run.path("mode").asText())) {
            out.println("Report only: nothing was changed. `reconcile --run repair` sends each drifted customer's"
                    + " workflow a repair.");
        }
        return 3;
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
