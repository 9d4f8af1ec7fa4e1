package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
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
     * Records the current version's history (v7: a signup burst read by a local activity, projection writes as local
     * activities, settings read through a side effect; billing read from Stripe after each burst, problems flagged, an e-mail change, a grace period, operator actions, a dispute, drift repairs).
     */
    @Test
    @EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordTheCurrentVersionHistory() throws Exception {
        TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder()
                .registerSearchAttribute("MemberState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute("NeedsAttention", IndexedValueType.INDEXED_VALUE_TYPE_BOOL)
                .registerSearchAttribute("PlanName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD).build();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
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
            String json = client.fetchHistory(CustomerWorkflow.workflowId("cus_replay")).toJson(true);
            Files.writeString(Path.of("src/test/resources/histories/customer-v7-lean-tasks.json"), json);
        }
    }

    private static void send(TestWorkflowEnvironment env, WorkflowClient client, BillingEvent event) {
        EngineFixtures.signalWithStart(client, "replay", "cus_replay", event);
        env.sleep(Duration.ofMinutes(1));
    }
}
