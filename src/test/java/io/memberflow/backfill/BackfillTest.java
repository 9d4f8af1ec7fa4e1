package io.memberflow.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.catchup.StandInStripe;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.workflow.BillingReadReason;
import io.memberflow.workflow.CustomerRecord;
import io.memberflow.temporal.WorkflowGateway;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backfill command and {@code POST /admin/backfill} against a stand-in Stripe with 130 customers. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillTest implements DatabaseTest {
    static final String TOKEN = "admin-backfill-token-123";
    static final StandInStripe STRIPE = new StandInStripe();
    static final ObjectMapper MAPPER = new ObjectMapper();
    final String tag = Long.toString(System.nanoTime(), 36);
    final List<String> customers = new ArrayList<>();

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.stripe.api-key", StandInStripe.KEY, "memberflow.stripe.api-base", STRIPE.base(),
                "memberflow.admin.token", TOKEN);
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EmbeddedServer server;
    @Inject
    WorkflowGateway gateway;

    @BeforeAll
    void customers() throws IOException {
        long created = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 130; i++) {
            String id = "cus_bf" + i + "_" + tag;
            customers.add(id);
            STRIPE.customers.add(MAPPER.readTree("{\"id\":\"" + id + "\",\"object\":\"customer\",\"created\":" + (created - i)
                    + ",\"email\":\"person" + i + "@example.com\"}"));
        }
        // two customers memberflow already knows: their workflows run
        gateway.requestBillingRead(customers.get(0), new BillingReadReason("test", "seen before " + tag));
        gateway.requestBillingRead(customers.get(129), new BillingReadReason("test", "seen before " + tag));
    }

    @AfterAll
    void stop() throws IOException {
        STRIPE.close();
    }

    private String backfill(String... args) {
        Map<String, String> options = new HashMap<>(Map.of("url", server.getURL().toString(), "admin-token", TOKEN));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = BackfillCommand.run(options, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).doesNotContain("@example.com").doesNotContain(TOKEN);
        return printed;
    }

    @Test
    @Order(1)
    void givenReportMode_thenItListsWhatWouldStartAndStartsNothing() {
        String printed = backfill("mode", "report", "run", "r1");

        assertThat(printed).contains(customers.get(5)).contains("would start")
                .containsPattern(customers.get(0) + "\\s+workflow running\\s+would request read")
                .contains("Backfill report: 130 customers").contains("would start 128").contains("asked to read Stripe 2");
        assertThatThrownBy(() -> gateway.existing(customers.get(5)).state()).as("no workflow started").isNotNull();
    }

    @Test
    @Order(2)
    void givenRepairMode_thenEveryCustomerWorkflowReadsStripeOnceWithProgressAndASummary() {
        STRIPE.rateLimitOn.add(STRIPE.listRequests.get() + 3); // one 429 on a listing page
        int readsBefore = STRIPE.customerReads.get();

        String printed = backfill("mode", "repair", "run", "r1", "rate", "0");

        assertThat(printed).contains("Counting Stripe customers… 130").contains("/130 (").contains("ETA")
                .contains("Stripe busy").contains("--starting-after " + customers.get(99))
                .contains("Backfill repair: 130 customers").contains("workflows started 128")
                .contains("running ones asked to read Stripe 2").contains("failed 0");
        for (String c : List.of(customers.get(0), customers.get(64), customers.get(129))) {
            CustomerRecord state = Eventually.await(c + " got its read request", Duration.ofSeconds(30),
                    () -> gateway.existing(c).state(), r -> backfillReads(r) == 1);
            assertThat(state.eventsApplied()).as("a read request applies no event").isZero();
        }
        Eventually.await("every customer read from Stripe", Duration.ofSeconds(60), STRIPE.customerReads::get,
                n -> n - readsBefore >= 130);
    }

    @Test
    @Order(3)
    void givenTheSameBackfillRunAgain_thenRunningWorkflowsAreOnlyAskedToReadAgainAndApplyNoEvent() {
        String printed = backfill("mode", "repair", "run", "r1", "rate", "0", "expected", "130");

        assertThat(printed).contains("workflows started 0").contains("running ones asked to read Stripe 130");
        String c = customers.get(64);
        CustomerRecord state = Eventually.await("the second request noted", Duration.ofSeconds(30),
                () -> gateway.existing(c).state(), r -> backfillReads(r) == 2);
        assertThat(state.eventsApplied()).isZero();
        assertThat(state.recentEventIds()).isEmpty();
    }

    /** The read requests of backfill run r1 in the customer's timeline. */
    private static long backfillReads(CustomerRecord r) {
        return r.timeline().stream().filter(t -> t.kind().equals("read") && t.actor().equals("backfill")
                && t.text().equals("Stripe read requested: backfill run r1")).count();
    }

    @Test
    @Order(4)
    void givenNoAdminTokenOrABadMode_thenTheEndpointRefuses() {
        var request = HttpRequest.POST("/admin/backfill", "{\"mode\":\"repair\"}").contentType(MediaType.APPLICATION_JSON_TYPE);
        assertThat(HttpResult.exchange(http.toBlocking(), request).status()).isEqualTo(401);
        var bad = HttpRequest.POST("/admin/backfill", "{\"mode\":\"delete-all\"}").contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(TOKEN);
        assertThat(HttpResult.exchange(http.toBlocking(), bad).status()).isEqualTo(400);
    }
}
