package io.memberflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * memberflow's {@code /admin/reconcile/runs} as the bench uses it: start a run, then read it every second, printing
 * one progress line a second (checked / total, customers a second, ETA, calls so far), until it is done or failed.
 */
final class ReconcileRunsClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String runs;
    private final String adminToken;

    ReconcileRunsClient(String origin, String adminToken) {
        this.runs = origin + "/admin/reconcile/runs";
        this.adminToken = adminToken;
    }

    /** {@code POST /admin/reconcile/runs {"mode": mode}}; returns the run id from the 202. */
    String start(String mode) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(runs).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST /admin/reconcile/runs answered " + r.statusCode() + ": " + r.body());
        }
        return StripeObjects.MAPPER.readTree(r.body()).path("runId").asText();
    }

    /** {@code GET /admin/reconcile/runs/{id}}; null while the run has no row yet (404). */
    JsonNode get(String runId) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(runs + "/" + runId).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET reconcile run answered " + r.statusCode() + ": " + r.body());
        }
        return StripeObjects.MAPPER.readTree(r.body());
    }

    /** Reads the run every second until it is no longer running (or {@code timeout}); returns the last answer. */
    JsonNode follow(String runId, Duration timeout, PrintStream out) throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        long deadline = t0 + timeout.toMillis();
        JsonNode run = null;
        while (System.currentTimeMillis() < deadline) {
            run = get(runId);
            if (run != null) {
                out.println(progressLine(run, (System.currentTimeMillis() - t0) / 1000.0));
                if (!"running".equals(run.path("status").asText())) {
                    return run;
                }
            }
            Thread.sleep(1000);
        }
        out.printf("run still running after %d s; giving up on it%n", timeout.toSeconds());
        return run;
    }

    static String progressLine(JsonNode run, double elapsedSeconds) {
        JsonNode calls = run.path("calls");
        JsonNode eta = run.path("etaSeconds");
        return String.format("[%6.1f s] %-7s checked %d / %d, %.1f customers/s, ETA %s; calls circle %d kit %d stripe %d"
                        + " (429s %d), repairs sent %d", elapsedSeconds, run.path("status").asText(),
                run.path("checked").asInt(), run.path("total").asInt(), run.path("perSecond").asDouble(),
                eta.isNumber() ? eta.asLong() + " s" : "-", calls.path("circle").asLong(), calls.path("kit").asLong(),
                calls.path("stripe").asLong(), calls.path("rate_limited").asLong(), run.path("repairsSent").asInt());
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken);
    }
}
