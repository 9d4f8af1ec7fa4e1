package io.memberflow.workflow;

import io.memberflow.activities.AuditEntry;
import io.memberflow.domain.BillingEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code onEvents} batch signal applies a customer's events exactly as the same events sent one by one to
 * {@code onEvent}: same dedupe by event id, same order, same state, vendor calls and audit. Each way runs in its own
 * time-skipping test server with its own fake vendors.
 */
class BatchSignalWorkflowTest {
    private static final String CUSTOMER = "cus_batch";

    record Outcome(CustomerRecord state, List<String> calls, List<String> audit) {
    }

    /** Deliveries as the dispatcher would make them: each inner list is one lane batch. */
    private static List<List<BillingEvent>> deliveries() {
        EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
        BillingEvent checkout = events.checkoutPaid(100, "price_pro");
        BillingEvent created = events.subscription("customer.subscription.created", 101, "sub_1", "active", "price_pro", false, null);
        BillingEvent paid = events.invoice("invoice.paid", 102, "price_pro", 2900);
        BillingEvent failed = events.invoice("invoice.payment_failed", 200, "price_pro", 0);
        BillingEvent upgraded = events.subscription("customer.subscription.updated", 300, "sub_1", "active", "price_plus", false, null);
        return List.of(
                List.of(checkout, created, checkout, paid),   // a signup burst with a duplicate inside the batch
                List.of(paid, failed, created),               // ids applied already, around a new one
                List.of(upgraded, upgraded));
    }

    private static Outcome run(boolean batched) {
        try (TestWorkflowEnvironment env = EngineFixtures.environment()) {
            Worker worker = env.newWorker("batch");
            FakeVendors vendors = new FakeVendors();
            worker.registerActivitiesImplementations(vendors);
            worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                    () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(500), EngineFixtures.fastPolicies()));
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            for (List<BillingEvent> batch : deliveries()) {
                if (batched) {
                    signalWithStart(client, batch);
                } else {
                    batch.forEach(e -> EngineFixtures.signalWithStart(client, "batch", CUSTOMER, e));
                }
                env.sleep(Duration.ofSeconds(5));
            }
            CustomerWorkflow wf = client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER));
            List<String> audit = new ArrayList<>();
            for (AuditEntry a : List.copyOf(vendors.audit)) {
                audit.add(a.kind() + "|" + a.actor() + "|" + a.eventId() + "|" + untimed(a.text()));
            }
            return new Outcome(wf.state(), List.copyOf(vendors.calls), audit);
        }
    }

    /** History events and workflow tasks of one signup burst (three events sent back to back), with Stripe reads. */
    private static long[] signupCost(boolean batched) {
        try (TestWorkflowEnvironment env = EngineFixtures.environment()) {
            Worker worker = env.newWorker("batch");
            FakeStripe stripe = new FakeStripe("member@example.com").subscription("sub_1", "active", "price_pro");
            stripe.clockMillis = env::currentTimeMillis;
            worker.registerActivitiesImplementations(new FakeVendors(), stripe);
            worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                    () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000).withBillingReads(250),
                            EngineFixtures.fastPolicies()));
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            List<BillingEvent> burst = deliveries().get(0).subList(0, 2);
            List<BillingEvent> signup = List.of(burst.get(0), burst.get(1), deliveries().get(0).get(3));
            signup.forEach(e -> stripe.inbox.add(e.eventId()));
            if (batched) {
                signalWithStart(client, signup);
            } else {
                signup.forEach(e -> EngineFixtures.signalWithStart(client, "batch", CUSTOMER, e));
            }
            env.sleep(Duration.ofMinutes(1));
            var history = client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).getEvents();
            long tasks = history.stream().filter(e -> e.getEventType()
                    == io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).count();
            return new long[] {history.size(), tasks};
        }
    }

    @Test
    void givenASignupBurst_thenOneBatchSignalCostsFewerHistoryEvents() {
        long[] oneByOne = signupCost(false);
        long[] batched = signupCost(true);
        System.out.printf("signup burst, embedded test server: one by one %d history events, %d workflow tasks; "
                + "one batch signal %d history events, %d workflow tasks%n", oneByOne[0], oneByOne[1], batched[0], batched[1]);

        // two signals fewer at the very least; the workflow tasks they may cause depend on timing
        assertThat(batched[0]).isLessThanOrEqualTo(oneByOne[0] - 2);
        assertThat(batched[1]).isLessThanOrEqualTo(oneByOne[1]);
    }

    /**
     * Records {@code customer-v9-batch-signal.json} (replayed by CustomerWorkflowReplayTest): a signup burst of three
     * events in one {@code onEvents} signal-with-start, with Stripe reads on, then a batch of a repeat and a new event.
     * {@code mvn test -Dtest=BatchSignalWorkflowTest -Dmemberflow.record-histories=true}.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordABatchSignalHistory() throws Exception {
        try (TestWorkflowEnvironment env = EngineFixtures.environment()) {
            Worker worker = env.newWorker("batch");
            FakeStripe stripe = new FakeStripe("member@example.com").subscription("sub_1", "active", "price_pro");
            stripe.clockMillis = env::currentTimeMillis;
            worker.registerActivitiesImplementations(new FakeVendors(), stripe);
            worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                    () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000).withBillingReads(250),
                            EngineFixtures.fastPolicies()));
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
            long t = env.currentTimeMillis() / 1000;
            BillingEvent checkout = events.checkoutPaid(t, "price_pro");
            BillingEvent created = events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null);
            BillingEvent paid = events.invoice("invoice.paid", t, "price_pro", 2900);
            stripe.inbox.addAll(List.of(checkout.eventId(), created.eventId(), paid.eventId()));
            signalWithStart(client, List.of(checkout, created, paid));
            env.sleep(Duration.ofMinutes(1));
            stripe.subscription("sub_1", "past_due", "price_pro");
            signalWithStart(client, List.of(paid, events.invoice("invoice.payment_failed", t + 60, "price_pro", 0)));
            env.sleep(Duration.ofMinutes(1));
            String json = client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).toJson(true);
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/histories/customer-v9-batch-signal.json"), json);
        }
    }

    private static void signalWithStart(WorkflowClient client, List<BillingEvent> events) {
        EngineFixtures.signalWithStart(client, "batch", CUSTOMER, stub -> stub::onEvents, events);
    }

    private static List<String> events(CustomerRecord state) {
        return state.timeline().stream().filter(t -> "event".equals(t.kind())).map(t -> t.eventId() + "|" + untimed(t.text())).toList();
    }

    /** Epoch-millisecond deadlines in texts depend on each test server's start time. */
    private static String untimed(String text) {
        return text == null ? null : text.replaceAll("\\d{12,}", "<time>");
    }

    @Test
    void givenBatchesWithDuplicatesAndAppliedIds_thenTheOutcomeEqualsSignallingThemOneByOne() {
        Outcome oneByOne = run(false);
        Outcome batched = run(true);

        assertThat(oneByOne.state().eventsApplied()).isEqualTo(5);
        // one-by-one signals may land in separate workflow tasks, so side effects can interleave with the events
        // differently and timestamps differ; what each event did, in which order, and where it all ends must not
        assertThat(batched.state()).usingRecursiveComparison()
                .ignoringFieldsMatchingRegexes("timeline", ".*At", ".*Millis", ".*[Tt]ime.*").isEqualTo(oneByOne.state());
        assertThat(events(batched.state())).hasSize(5).isEqualTo(events(oneByOne.state()));
        assertThat(batched.calls()).isNotEmpty().containsExactlyInAnyOrderElementsOf(oneByOne.calls());
        assertThat(batched.audit().stream().filter(a -> a.startsWith("event|")).toList()).hasSize(5)
                .isEqualTo(oneByOne.audit().stream().filter(a -> a.startsWith("event|")).toList());
    }
}
