package io.memberflow.e2e.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.memberflow.config.EmbeddedDatabase;
import io.memberflow.standin.StripeEvents;
import io.memberflow.standin.StripeSigner;
import io.memberflow.support.Eventually;
import io.memberflow.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * memberflow as a separate process against the real Temporal dev server (the {@code temporal} CLI), with the
 * shared faithful Circle, Kit and Stripe stand-ins ({@link E2eVendors}): a crash in the middle of a side effect, a Temporal restart under a pending grace timer,
 * and an operator recovering a stuck flow with the CLI. Part of {@code mvn verify} (Failsafe, after package).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealTemporalE2E {
    static final String SECRET = "whsec_e2e_secret";
    static final String ADMIN = "e2e-admin-token-123";
    static final Duration GRACE = Duration.ofSeconds(45);
    static final String NONCE = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private TemporalDevServer temporal;
    private E2eVendors vendors;
    private EmbeddedDatabase database;
    private MemberflowProcess memberflow;
    private TemporalCli cli;
    private final String alice = "cus_e2ea" + NONCE;
    private final String bob = "cus_e2eb" + NONCE;
    private final StripeEvents aliceEvents = new StripeEvents(alice, "alice." + NONCE + "@example.com", now());
    private final StripeEvents bobEvents = new StripeEvents(bob, "bob." + NONCE + "@example.com", now());

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @BeforeAll
    void start() throws Exception {
        String binary = TemporalDevServer.installCli();
        if (binary == null) {
            String message = "SKIPPED: the temporal CLI could not be installed (see scripts/temporal-dev-server.sh install)";
            System.out.println(message);
            if ("true".equals(System.getenv("MEMBERFLOW_E2E_REQUIRED"))) {
                throw new AssertionError(message + " and MEMBERFLOW_E2E_REQUIRED=true");
            }
            Assumptions.abort(message);
        }
        temporal = new TemporalDevServer();
        temporal.deleteData(); // a fresh server: workflows left by an earlier run must not call these stand-ins
        temporal.start();
        cli = new TemporalCli(binary, temporal.address());
        vendors = new E2eVendors();
        database = TestDatabase.startPrivate();
        Files.createDirectories(Processes.WORK);
        var config = Processes.WORK.resolve("memberflow-e2e.yml");
        Files.writeString(config, """
                memberflow:
                  grace-period: PT45S
                  activities:
                    start-to-close: 10s
                  plans:
                    pro:
                      stripe-price-ids: [price_e2e_pro]
                      circle-access-group-ids: [101]
                      kit-tag-ids: [9001]
                  kit:
                    lifecycle-tag-ids:
                      past-due: 9100
                """);
        Map<String, String> env = new HashMap<>();
        Map<String, Object> ds = database.datasourceProperties();
        env.put("DATASOURCES_DEFAULT_URL", String.valueOf(ds.get("datasources.default.url")));
        env.put("DATASOURCES_DEFAULT_USERNAME", String.valueOf(ds.get("datasources.default.username")));
        env.put("DATASOURCES_DEFAULT_PASSWORD", String.valueOf(ds.get("datasources.default.password")));
        env.put("TEMPORAL_ADDRESS", temporal.address());
        env.put("STRIPE_WEBHOOK_SECRET", SECRET);
        env.put("CIRCLE_API_TOKEN", "good-circle-token");
        env.put("CIRCLE_API_URL", vendors.circleUrl());
        env.put("KIT_API_KEY", "kit-key");
        env.put("KIT_API_URL", vendors.kitUrl());
        env.put("STRIPE_API_KEY", "sk_test_e2e");
        env.put("STRIPE_API_BASE", vendors.stripeUrl());
        env.put("MICRONAUT_CONFIG_FILES", config.toString());
        env.put("MEMBERFLOW_LOG_FORMAT", "TEXT");
        env.put("ADMIN_TOKEN", ADMIN);
        memberflow = new MemberflowProcess(env);
        memberflow.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (memberflow != null) {
            memberflow.close();
        }
        if (temporal != null) {
            temporal.close();
        }
        if (vendors != null) {
            vendors.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private String deliver(String payload) throws Exception {
        var response = memberflow.post("/webhooks/stripe", payload, Map.of("Content-Type", "application/json",
                "Stripe-Signature", StripeSigner.header(payload, SECRET)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitState(String customer, String what, java.util.function.Predicate<JsonNode> done) {
        return Eventually.await(what, Duration.ofSeconds(120), () -> cli.state("customer-" + customer), done);
    }

    private static boolean hasGroup(JsonNode s, long group) {
        return s.path("member").path("applied").path("accessGroupIds").toString().contains(String.valueOf(group));
    }

    @Test
    @Order(1)
    void givenMemberflowIsKilledInTheMiddleOfGrantingAccess_thenTheFlowCompletesWithoutDuplicatesOrLostEvents() throws Exception {
        CountDownLatch grantArrived = new CountDownLatch(1);
        CountDownLatch releaseGrant = new CountDownLatch(1);
        vendors.circle.holdNextGrant(grantArrived, releaseGrant);
        vendors.stripe(alice, "alice." + NONCE + "@example.com", "sub_e2e", "active", "price_e2e_pro");
        String checkout = aliceEvents.checkoutCompleted("sub_e2e", "price_e2e_pro");
        deliver(checkout);
        assertThat(grantArrived.await(60, TimeUnit.SECONDS)).as("Circle grant reached the stand-in").isTrue();

        memberflow.kill9();
        releaseGrant.countDown();
        memberflow.start();
        assertThat(deliver(checkout)).contains("duplicate"); // Stripe redelivers what it saw no answer for
        deliver(aliceEvents.invoice("invoice.paid", "sub_e2e", "price_e2e_pro", 2900));

        JsonNode s = awaitState(alice, "alice has access and tags after the crash", st -> hasGroup(st, 101)
                && st.path("member").path("applied").path("tagIds").toString().contains("9001")
                && st.path("eventsApplied").asInt() == 2);
        assertThat(s.path("member").path("billingStatus").asText()).isEqualTo("ACTIVE");
        String email = "alice." + NONCE + "@example.com";
        assertThat(vendors.circle.groupsOf(email)).containsExactly(101L);
        assertThat(vendors.circle.served("POST create member")).as("Circle member created once; calls: "
                + vendors.circle.counts()).isEqualTo(1);
        assertThat(vendors.circle.duplicateCreations()).isZero();
        assertThat(vendors.kit.tagged(9001, email)).isTrue();
        System.out.printf("E2E crash: Circle grant requests %d (one cut off by kill -9), member creations %d, events applied %d%n",
                vendors.circle.served("POST grant"), vendors.circle.served("POST create member"), s.path("eventsApplied").asInt());
    }

    @Test
    @Order(2)
    void givenAPendingGraceTimer_whenTheTemporalServerRestarts_thenTheTimerStillFires() throws Exception {
        long failedAt = System.currentTimeMillis();
        vendors.stripe(alice, "alice." + NONCE + "@example.com", "sub_e2e", "past_due", "price_e2e_pro");
        deliver(aliceEvents.invoice("invoice.payment_failed", "sub_e2e", "price_e2e_pro", 0));
        awaitState(alice, "alice past due", st -> st.path("member").path("billingStatus").asText().equals("PAST_DUE"));
        assertThat(vendors.circle.groupsOf("alice." + NONCE + "@example.com")).contains(101L);

        long restartStarted = System.currentTimeMillis();
        temporal.restart();
        System.out.printf("E2E: Temporal dev server restarted in %d ms with the grace timer pending%n",
                System.currentTimeMillis() - restartStarted);

        JsonNode s = awaitState(alice, "grace timer fired after the restart",
                st -> st.path("member").path("billingStatus").asText().equals("SUSPENDED") && !hasGroup(st, 101));
        long fired = System.currentTimeMillis() - failedAt;
        assertThat(fired).isGreaterThanOrEqualTo(GRACE.toMillis());
        assertThat(vendors.circle.groupsOf("alice." + NONCE + "@example.com")).doesNotContain(101L);
        System.out.printf("E2E: suspended %d ms after the payment failure (grace %d s)%n", fired, GRACE.toSeconds());
        assertThat(s.path("member").path("graceDeadline").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void givenABrokenCircleToken_thenTheFlowIsListedAsNeedingAttentionAndRecoveredWithTheCli() throws Exception {
        memberflow.stop();
        memberflow.set("CIRCLE_API_TOKEN", "revoked-circle-token");
        memberflow.start();
        vendors.stripe(bob, "bob." + NONCE + "@example.com", "sub_bob", "active", "price_e2e_pro");
        deliver(bobEvents.checkoutCompleted("sub_bob", "price_e2e_pro"));
        awaitState(bob, "bob's grant failed with 401", st -> st.path("lastFailure").asText().contains("401"));

        String stuck = Eventually.await("bob listed as needing attention", Duration.ofSeconds(60),
                () -> cli.list("NeedsAttention = true"), out -> out.contains("customer-" + bob));
        assertThat(stuck).contains("customer-" + bob);

        memberflow.stop();
        memberflow.set("CIRCLE_API_TOKEN", "good-circle-token");
        memberflow.start();
        // Still listed until the operator's signal; taken once the good token is back, so that a screenshot that
        // cannot be taken (no chromium) fails this test alone and does not leave the next ones a revoked token.
        TemporalUiScreenshot.take(temporal.uiUrl(), "NeedsAttention = true", "customer-" + bob,
                Processes.REPO.resolve("target/e2e/temporal-ui-needs-attention.png"));
        cli.signal("customer-" + bob, "retrySync", "{\"actor\":\"e2e-operator\",\"reason\":\"rotated the Circle token\"}");
        JsonNode fixed = awaitState(bob, "bob granted after retrySync", st -> hasGroup(st, 101) && st.path("lastFailure").isNull());
        long taskId = fixed.path("openTaskIds").get(0).asLong();
        cli.signal("customer-" + bob, "resolveSupportTask",
                "{\"actor\":\"e2e-operator\",\"reason\":\"token rotated, access granted\",\"taskId\":" + taskId + "}");

        Eventually.await("bob no longer needs attention", Duration.ofSeconds(60),
                () -> cli.list("NeedsAttention = true"), out -> !out.contains("customer-" + bob));
        assertThat(cli.list("MemberState = \"ACTIVE\"")).contains("customer-" + bob);
        assertThat(vendors.circle.groupsOf("bob." + NONCE + "@example.com")).contains(101L);
    }

    @Test
    @Order(4)
    void givenASignupDeliveredInReverseOrderWithLag_thenAccessIsGrantedOnceFromStripesState() throws Exception {
        String carol = "cus_e2ec" + NONCE;
        String email = "carol." + NONCE + "@example.com";
        long created = now() - 10;
        StripeEvents carolEvents = new StripeEvents(carol, email, created);
        vendors.stripe(carol, email, "sub_carol", "active", "price_e2e_pro");
        long readsBefore = vendors.stripe.served("GET customer"); // the others are settled: carol's reads alone

        // Stripe created checkout, then subscription, then invoice; they arrive newest first, seconds apart
        String subscription = new StripeEvents(carol, null, created + 2)
                .subscription("customer.subscription.created", "sub_carol", "active", "price_e2e_pro", false);
        deliver(subscription);
        Thread.sleep(3_000);
        deliver(new StripeEvents(carol, email, created + 3).invoice("invoice.paid", "sub_carol", "price_e2e_pro", 2900));
        Thread.sleep(2_000);
        deliver(carolEvents.checkoutCompleted("sub_carol", "price_e2e_pro"));

        JsonNode s = awaitState(carol, "carol has access", st -> hasGroup(st, 101) && st.path("eventsApplied").asInt() == 3);
        assertThat(s.path("member").path("email").asText()).isEqualTo(email);
        assertThat(s.path("member").path("billingStatus").asText()).isEqualTo("ACTIVE");
        assertThat(vendors.circle.groupsOf(email)).containsExactly(101L);
        assertThat(vendors.circle.served("POST grant")).isGreaterThanOrEqualTo(1);
        long reads = vendors.stripe.served("GET customer") - readsBefore;
        assertThat(reads).as("one read per burst: three bursts at most").isBetween(1L, 3L);
        System.out.printf("E2E out of order: carol granted with %d Stripe read(s) for 3 events delivered newest first over 5 s%n", reads);
    }

    @Test
    @Order(5)
    void givenCarolRemovedFromHerGroupByHandAndAStrangerAdded_thenTheScheduledReconciliationRepairsAndReports() throws Exception {
        String carol = "cus_e2ec" + NONCE;
        String email = "carol." + NONCE + "@example.com";
        String stranger = "stranger." + NONCE + "@example.com";
        assertThat(vendors.circle.groupsOf(email)).contains(101L);
        vendors.circle.removeFromGroup(email, 101); // "by hand", in Circle's admin
        vendors.circle.seedMember(stranger, java.util.Set.of(101L));

        String schedules = Eventually.await("drift-reconcile schedule listed", Duration.ofSeconds(60),
                () -> cli.run("schedule", "list"), out -> out.contains("drift-reconcile"));
        assertThat(schedules).contains("drift-reconcile").contains("stripe-catch-up");
        cli.run("schedule", "trigger", "--schedule-id", "drift-reconcile");

        JsonNode run = Eventually.await("the triggered reconciliation is done", Duration.ofSeconds(120),
                () -> latestRun(), r -> r != null && r.path("status").asText().equals("done"));
        assertThat(run.path("id").asText()).startsWith("drift-reconcile-");
        assertThat(run.path("mode").asText()).isEqualTo("repair");
        assertThat(run.path("counts").path("circle_missing").asInt()).isEqualTo(1);
        assertThat(run.path("counts").path("circle_unknown_member").asInt()).isEqualTo(1);
        assertThat(run.path("tasksOpened").asInt()).isEqualTo(1);
        assertThat(run.toString()).doesNotContain("@example.com");

        JsonNode s = awaitState(carol, "carol granted again by the repair", st -> vendors.circle.groupsOf(email).contains(101L)
                && st.path("timeline").toString().contains("drift found by reconciliation"));
        assertThat(vendors.circle.groupsOf(stranger)).containsExactly(101L);
        assertThat(run.path("calls").path("circle_lookups").asInt()).as("the stranger looked up, the customers known by id")
                .isEqualTo(1);
        assertThat(s.path("timeline").toString()).contains("Circle lacks groups [101]");
        System.out.printf("E2E reconciliation: %s checked %d customer(s) with calls %s; carol re-granted%n",
                run.path("id").asText(), run.path("checked").asInt(), run.path("calls"));
    }

    private JsonNode latestRun() {
        try {
            var r = memberflow.get("/admin/reconcile/runs?limit=1", Map.of("Authorization", "Bearer " + ADMIN));
            if (r.statusCode() != 200) {
                return null;
            }
            JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            return list.isArray() && list.size() > 0 ? list.get(0) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
