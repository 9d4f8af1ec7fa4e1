package io.memberflow.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /admin/reconcile/runs} and {@code reconcile --run} on the embedded Temporal server (no schedules there, so
 * runs are started on demand), against stand-ins for Circle and Kit; report mode, so no workflow is signalled.
 */
@MicronautTest(transactional = false)
class ReconcileRunsApiTest implements DatabaseTest {
    static final String TOKEN = "admin-reconcile-runs-123";
    static final ReconcileStandIns VENDORS = new ReconcileStandIns();
    static final ObjectMapper MAPPER = new ObjectMapper();
    final String tag = Long.toString(System.nanoTime(), 36);

    @Override
    public Map<String, String> extraProperties() {
        return VENDORS.properties(TOKEN, "price_runs", Map.of("memberflow.reconcile.mode", "report"));
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EmbeddedServer server;
    @Inject
    CustomerViewStore store;
    @Inject
    ReconcileRuns runs;

    @AfterAll
    void stop() throws IOException {
        VENDORS.close();
    }

    private HttpResult post(String body, String token) {
        var request = HttpRequest.POST("/admin/reconcile/runs", body).contentType(MediaType.APPLICATION_JSON_TYPE);
        return HttpResult.exchange(http.toBlocking(), token == null ? request : request.bearerAuth(token));
    }

    private HttpResult get(String path) {
        return HttpResult.exchange(http.toBlocking(), HttpRequest.GET(path).bearerAuth(TOKEN));
    }

    private static JsonNode json(HttpResult r) {
        try {
            return r.status() == 200 ? MAPPER.readTree(r.body()) : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String drifted() {
        String customer = "cus_api" + tag;
        String email = customer + "@example.com";
        store.write(new CustomerSnapshot(customer, "customer-" + customer, email, "ACTIVE", "pro", true,
                Set.of(101L), Set.of(9001L), "NONE", "evt_api", "invoice.paid", 1_700_000_000L, false, null, 1, null), List.of());
        VENDORS.kit.seedSubscriber(email, Set.of(9001L)); // Kit has the tag; Circle lacks the group
        return customer;
    }

    @Test
    void givenAStartedRun_thenItsProgressAndReportAreReadableAndHoldNoAddress() throws IOException {
        drifted();

        HttpResult started = post("{}", TOKEN);

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode answer = MAPPER.readTree(started.body());
        assertThat(answer.path("mode").asText()).isEqualTo("report");
        String runId = answer.path("runId").asText();
        JsonNode run = Eventually.await("run done", Duration.ofSeconds(30), () -> json(get("/admin/reconcile/runs/" + runId)),
                r -> r != null && r.path("status").asText().equals("done"));
        assertThat(run.path("checked").asInt()).isEqualTo(run.path("total").asInt()).isPositive();
        assertThat(run.path("counts").path("circle_missing").asInt()).isPositive();
        assertThat(run.path("repairsSent").asInt()).isZero();
        assertThat(run.path("calls").path("circle").asInt()).isEqualTo(1);
        assertThat(run.toString()).doesNotContain("@example.com");
        assertThat(get("/admin/reconcile/runs?limit=5").body()).contains(runId);
    }

    @Test
    void givenTheCommand_thenItPrintsProgressAndExits3OnDrift() {
        drifted();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int exit = ReconcileCommand.run(Map.of("url", server.getURL().toString(), "admin-token", TOKEN, "run", "report",
                "every", "1"), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isEqualTo(3);
        assertThat(out).contains("started (report)").containsPattern("\\[#+\\.*\\] \\d+/\\d+ customers")
                .contains("circle_missing").doesNotContain("@example.com");
    }

    @Test
    void givenAFailedRunWhoseWorkflowIsGone_thenItIsResumedOnTheSameRowUntilDone() throws IOException {
        drifted();
        String id = "failed-" + tag;
        java.time.Instant started = java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        runs.save(new ReconcileRun(id, "report", "admin", ReconcileRun.FAILED, started, started, started,
                1, 0, null, Map.of(), List.of(), Map.of("circle", 3L), 0, 0, "IllegalStateException: Temporal unreachable"));

        HttpResult resumed = post("{\"resume\":\"" + id + "\"}", TOKEN);

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
        assertThat(MAPPER.readTree(resumed.body()).path("runId").asText()).isEqualTo(id);
        JsonNode run = Eventually.await("resumed run done", Duration.ofSeconds(30), () -> json(get("/admin/reconcile/runs/" + id)),
                r -> r != null && r.path("status").asText().equals("done"));
        assertThat(run.path("startedAt").asText()).isEqualTo(started.toString());
        assertThat(run.path("calls").path("circle").asInt()).as("the failed attempt's calls are kept").isEqualTo(3 + 1);
        assertThat(run.path("error").isNull()).isTrue();
        assertThat(post("{\"resume\":\"" + id + "\"}", TOKEN).status()).as("a finished run is not resumed").isEqualTo(409);
    }

    @Test
    void givenBadInput_thenClearErrors() {
        assertThat(post("{}", null).status()).isEqualTo(401);
        assertThat(post("{\"mode\":\"fix-everything\"}", TOKEN).body()).contains("mode is repair or report");
        assertThat(post("{\"resume\":\"no-such-run\"}", TOKEN).status()).isEqualTo(404);
        assertThat(get("/admin/reconcile/runs/no-such-run").status()).isEqualTo(404);
        assertThat(get("/admin/reconcile/runs/bad%20id").status()).isEqualTo(400);
    }
}
