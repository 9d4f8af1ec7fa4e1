package io.memberflow.reconcile;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code reconcile} command against a fake of memberflow's own admin API ({@code /admin/reconcile/runs}, shapes
 * as ReconcileRunsController answers them): what it asks for and what it prints and returns.
 */
class ReconcileCommandTest {
    static final String DONE_WITH_DRIFT = """
            {"id":"run-1","mode":"report","status":"done","total":2,"checked":2,"perSecond":4.0,"etaSeconds":null,
             "counts":{"ok":1,"circle_missing":1},"examples":[{"customerId":"cus_gone","kind":"circle_missing","ids":[101],"detail":null}],
             "calls":{"circle":2},"repairsSent":0,"tasksOpened":0,"error":null}""";

    HttpServer server;
    final List<String> started = new CopyOnWriteArrayList<>();
    volatile int startStatus = 202;
    volatile String startAnswer = "{\"runId\":\"run-1\",\"mode\":\"report\",\"status\":\"running\"}";
    volatile String runAnswer = DONE_WITH_DRIFT;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/reconcile/runs", exchange -> {
            byte[] answer;
            if (exchange.getRequestMethod().equals("POST")) {
                started.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer = startAnswer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(startStatus, answer.length);
            } else {
                answer = runAnswer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
            }
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int reconcile(Map<String, String> extra) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "admin-token", "secret-token-1", "every", "0"));
        options.putAll(extra);
        return ReconcileCommand.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void givenNoRunOption_thenAReportModeRunIsStartedWhateverTheServersDefaultAndDriftExits3WithExamples() {
        int exit = reconcile(Map.of());

        assertThat(started).containsExactly("{\"mode\":\"report\"}");
        assertThat(exit).as(printed()).isEqualTo(3);
        assertThat(printed()).contains("Reconciliation run-1 started (report)", "2/2 customers", "circle_missing 1",
                "Report only: nothing was changed").containsPattern("cus_gone\\s+circle_missing\\s+\\[101]")
                .doesNotContain("secret-token-1");
    }

    @Test
    void givenARunWithoutDrift_thenItExits0() {
        runAnswer = DONE_WITH_DRIFT.replace("\"ok\":1,\"circle_missing\":1", "\"ok\":2").replace(
                "[{\"customerId\":\"cus_gone\",\"kind\":\"circle_missing\",\"ids\":[101],\"detail\":null}]", "[]");

        assertThat(reconcile(Map.of("run", "repair"))).as(printed()).isZero();
        assertThat(started).containsExactly("{\"mode\":\"repair\"}");
    }

    @Test
    void givenResume_thenTheRunKeepsItsOwnModeAndAFailureExits1() {
        runAnswer = DONE_WITH_DRIFT.replace("\"done\"", "\"failed\"").replace("\"error\":null", "\"error\":\"Circle HTTP 401\"");

        assertThat(reconcile(Map.of("resume", "run-1"))).isEqualTo(1);
        assertThat(started).containsExactly("{\"resume\":\"run-1\"}");
        assertThat(printed()).contains("stopped by Circle HTTP 401", "reconcile --resume run-1");
    }

    @Test
    void givenShadowMode_thenThereIsNothingToReconcileAndItExits0() {
        startStatus = 409;
        startAnswer = "{\"error\":\"not_configured\",\"message\":\"set CIRCLE_API_TOKEN or KIT_API_KEY\"}";

        assertThat(reconcile(Map.of())).isZero();
        assertThat(printed()).contains("Nothing to reconcile: set CIRCLE_API_TOKEN or KIT_API_KEY");
    }

    @Test
    void givenTheRetiredPagingOptions_thenAUsageErrorSaysWhatReplacedThemAndNothingStarts() {
        assertThat(reconcile(Map.of("limit", "100"))).isEqualTo(2);
        assertThat(reconcile(Map.of("after", "cus_1"))).isEqualTo(2);
        assertThat(reconcile(Map.of("run", "fix-everything"))).isEqualTo(2);

        assertThat(started).isEmpty();
        assertThat(printed()).contains("page-by-page drift report, which is retired", "--run is repair or report");
    }
}
