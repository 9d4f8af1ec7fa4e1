package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays histories saved from earlier versions of {@link CustomerWorkflowImpl}: a change that would break a
 * running customer's workflow fails here. After a {@code Workflow.getVersion} guarded change, record the new
 * version's history too ({@code mvn test -Dtest=CustomerWorkflowReplayTest -Dmemberflow.record-histories=true},
 * then save it as {@code customer-v<next number>-<change id>.json}): every file there is replayed.
 */
class CustomerWorkflowReplayTest {
    private static final Path HISTORIES = Path.of("src/test/resources/histories");

    private static Worker worker(TestWorkflowEnvironment env) {
        Worker worker = env.newWorker("replay");
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000).withBillingReads(250),
                        EngineFixtures.fastPolicies()));
        return worker;
    }

    /** Every saved history: a file added to the folder is replayed without a change here. */
    static List<String> savedHistories() throws IOException {
        try (Stream<Path> files = Files.list(HISTORIES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .map(n -> "histories/" + n).toList();
        }
    }

    @Test
    void givenTheHistoriesFolder_thenItHoldsOneHistoryPerReleasedVersionNumberedWithoutGaps() throws IOException {
        List<Integer> versions = savedHistories().stream()
                .map(n -> n.replaceFirst("^histories/customer-v(\\d+)-[a-z0-9-]+\\.json$", "$1"))
                .map(Integer::valueOf).sorted().toList();

        assertThat(versions).hasSizeGreaterThanOrEqualTo(4);
        assertThat(versions).isEqualTo(IntStream.rangeClosed(1, versions.size()).boxed().toList());
    }

    @ParameterizedTest
    @MethodSource("savedHistories")
    void givenASavedHistory_thenTheCurrentCodeReplaysItDeterministically(String resource) throws Exception {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(resource, worker(env));
        }
    }

    /**
     * Records the current version's history (v8, {@code charge-facts} and {@code shared-address}: v7's journey — a signup
     * burst read by a local activity, projection writes as local activities, settings read through a side effect,
     * problems flagged, an e-mail change, a grace period, operator actions, a dispute, drift repairs — then a renewal
     * refunded in its own second, a returning subscription paid at $0, a one-off purchase, a read answering 404 and one
     * finding the customer again, and a cancellation while another customer of the same address keeps the group).
     */
    @Test
    @EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordTheCurrentVersionHistory() throws Exception {
        try (TestWorkflowEnvironment env = EngineFixtures.environment()) {
            Worker worker = worker(env);
            FakeVendors vendors = new FakeVendors();
            FakeStripe stripe = new FakeStripe("member@example.com").subscription("sub_1", "active", "price_pro");
            stripe.clockMillis = env::currentTimeMillis;
            worker.registerActivitiesImplementations(vendors, stripe);
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            EngineFixtures.Events events = new EngineFixtures.Events("cus_replay");
            long t = env.currentTimeMillis() / 1000;
            // a signup burst: two events the inbox held when the read began, one it did not (read again)
            BillingEvent checkout = events.checkoutPaid(t, "price_pro");
            BillingEvent created = events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null);
            stripe.inbox.add(checkout.eventId());
            stripe.inbox.add(created.eventId());
            EngineFixtures.signalWithStart(client, worker.getTaskQueue(), "cus_replay", checkout);
            EngineFixtures.signalWithStart(client, worker.getTaskQueue(), "cus_replay", created);
            send(env, client, events.invoice("invoice.paid", t, "price_pro", 2900));
            stripe.email = "changed@example.com";
            send(env, client, new BillingEvent("evt_replay_email", "customer.updated", t + 30, "cus_replay",
                    "changed@example.com", "Ada Lovelace", null, null, java.util.List.of(), null, null, null, null, null,
                    null, null, null, null, null, null, null, null));
            stripe.subscription("sub_1", "past_due", "price_pro");
            send(env, client, events.invoice("invoice.payment_failed", t + 60, "price_pro", 0));
            env.sleep(Duration.ofDays(4));
            CustomerWorkflow wf = client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId("cus_replay"));
            wf.grantAccess(new OperatorAction("sam", "goodwill while the card is fixed", null));
            env.sleep(Duration.ofMinutes(1));
            wf.clearOverride(new OperatorAction("sam", "card fixed", null));
            long later = env.currentTimeMillis() / 1000;
            stripe.subscription("sub_1", "active", "price_mystery");
            send(env, client, events.invoice("invoice.paid", later, "price_pro", 2900));
            stripe.subscription("sub_1", "active", "price_pro");
            send(env, client, events.subscription("customer.subscription.updated", later + 5, "sub_1", "active", "price_pro", false, null));
            send(env, client, events.dispute("charge.dispute.created", later + 10, "needs_response"));
            long task = wf.state().openTaskIds().get(0);
            wf.resolveSupportTask(new OperatorAction("sam", "evidence sent", task));
            wf.block(new OperatorAction("sam", "fraud check", null));
            wf.retrySync(new OperatorAction("", "", null));
            env.sleep(Duration.ofMinutes(1));
            send(env, client, events.dispute("charge.dispute.closed", later + 20, "won"));
            wf.unblock(new OperatorAction("sam", "cleared", null));
            env.sleep(Duration.ofMinutes(1));
            wf.repairDrift(new DriftRepair("drift-reconcile-replay", java.util.Set.of(101L), java.util.Set.of(),
                    java.util.Set.of(), java.util.Set.of(9100L), false));
            env.sleep(Duration.ofMinutes(1));
            wf.repairDrift(new DriftRepair("drift-reconcile-replay-2", java.util.Set.of(), java.util.Set.of(),
                    java.util.Set.of(), java.util.Set.of(), true));
            env.sleep(Duration.ofMinutes(1));
            chargeFacts(env, client, stripe, later + 100);
            String json = client.fetchHistory(CustomerWorkflow.workflowId("cus_replay")).toJson(true);
            Files.writeString(Path.of("src/test/resources/histories/customer-v8-charge-facts.json"), json);
        }
    }

    /** v8's steps: refunds matched by charge, a $0 new purchase, a one-off purchase, a 404 read, a shared address. */
    private static void chargeFacts(TestWorkflowEnvironment env, WorkflowClient client, FakeStripe stripe, long t) {
        BillingEvent.Builder renewal = BillingEvent.builder("evt_v8_paid", "invoice.paid", t, "cus_replay")
                .subscriptionId("sub_1").invoiceId("in_v8").chargeId("ch_v8").paymentIntentId("pi_v8").amountPaid(2900L)
                .billingReason("subscription_cycle").priceIds("price_pro");
        send(env, client, renewal.build());
        send(env, client, BillingEvent.builder("evt_v8_refund", "charge.refunded", t, "cus_replay").chargeId("ch_v8")
                .invoiceId("in_v8").paymentIntentId("pi_v8").amount(2900L).amountRefunded(2900L).build());
        stripe.subscriptions = java.util.List.of(
                new io.memberflow.domain.BillingSnapshot.SubscriptionFacts("sub_1", "canceled", java.util.List.of("price_pro"), false, null, 1L),
                new io.memberflow.domain.BillingSnapshot.SubscriptionFacts("sub_2", "active", java.util.List.of("price_pro"), false, null, 2L));
        send(env, client, BillingEvent.builder("evt_v8_free", "invoice.paid", t + 60, "cus_replay").subscriptionId("sub_2")
                .invoiceId("in_v8_free").amountPaid(0L).billingReason("subscription_create").priceIds("price_pro").build());
        send(env, client, BillingEvent.builder("evt_v8_oneoff", "checkout.session.completed", t + 120, "cus_replay")
                .checkoutMode("payment").paymentStatus("paid").invoiceId("in_v8_life").paymentIntentId("pi_v8_life")
                .amount(2900L).build());
        send(env, client, BillingEvent.builder("evt_v8_oneoff_inv", "invoice.paid", t + 120, "cus_replay")
                .invoiceId("in_v8_life").amountPaid(2900L).billingReason("manual").priceIds("price_ebook").build());
        stripe.unknown = true;
        send(env, client, BillingEvent.builder("evt_v8_lost", "customer.subscription.updated", t + 180, "cus_replay")
                .subscriptionId("sub_2").subscriptionStatus("active").priceIds("price_pro").build());
        stripe.unknown = false;
        send(env, client, BillingEvent.builder("evt_v8_found", "customer.subscription.updated", t + 240, "cus_replay")
                .subscriptionId("sub_2").subscriptionStatus("active").priceIds("price_pro").build());
        // another customer of the same address pays for the same group while this one's subscription ends
        EngineFixtures.signalWithStart(client, "replay", "cus_replay_other", new EngineFixtures.Events("cus_replay_other")
                .checkoutPaid(t + 250, "price_pro").toBuilder().email("changed@example.com").build());
        env.sleep(Duration.ofMinutes(1));
        stripe.subscriptions = java.util.List.of(
                new io.memberflow.domain.BillingSnapshot.SubscriptionFacts("sub_2", "canceled", java.util.List.of("price_pro"), false, null, 2L));
        send(env, client, BillingEvent.builder("evt_v8_end", "customer.subscription.deleted", t + 300, "cus_replay")
                .subscriptionId("sub_2").subscriptionStatus("canceled").priceIds("price_pro").build());
    }

    private static void send(TestWorkflowEnvironment env, WorkflowClient client, BillingEvent event) {
        EngineFixtures.signalWithStart(client, "replay", "cus_replay", event);
        env.sleep(Duration.ofMinutes(1));
    }
}
