package io.memberflow.workflow;

import io.memberflow.activities.AuditEntry;
import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code requestBillingRead} signal (the backfill's, an operator's): one read of Stripe, a timeline note naming who
 * asked, and no event id applied. A history in which a worker without the handler received the signal still replays.
 */
class BillingReadSignalWorkflowTest {
    private static final String CUSTOMER = "cus_readsig";

    /** A worker of a release before the signal: the signal reaches the workflow and nothing happens. */
    static final class WithoutReadHandler extends CustomerWorkflowImpl {
        WithoutReadHandler(Supplier<EngineSettings> settings, ActivityPolicies policies) {
            super(settings, policies);
        }

        @Override
        public void requestBillingRead(BillingReadReason reason) {
        }
    }

    private static TestWorkflowEnvironment environment() {
        return EngineFixtures.environment();
    }

    private static Supplier<EngineSettings> settings() {
        return () -> EngineFixtures.settings(5000).withBillingReads(250);
    }

    /** Registers the workflow (with or without the read handler) and the stand-ins, starts the server; Stripe: pro, active. */
    private static FakeStripe start(TestWorkflowEnvironment env, boolean withHandler, FakeVendors vendors) {
        FakeStripe stripe = new FakeStripe("member@example.com").subscription("sub_1", "active", "price_pro");
        stripe.clockMillis = env::currentTimeMillis;
        Worker worker = env.newWorker("readsig");
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class, () -> withHandler
                ? new CustomerWorkflowImpl(settings(), EngineFixtures.fastPolicies())
                : new WithoutReadHandler(settings(), EngineFixtures.fastPolicies()));
        worker.registerActivitiesImplementations(vendors, stripe);
        env.start();
        return stripe;
    }

    /** What {@code WorkflowGateway.requestBillingRead} does: start the workflow if needed and ask it to read. */
    static void requestRead(WorkflowClient client, BillingReadReason reason) {
        EngineFixtures.signalWithStart(client, "readsig", CUSTOMER, stub -> stub::requestBillingRead, reason);
    }

    private static CustomerWorkflow workflow(WorkflowClient client) {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER));
    }

    private static void signUp(TestWorkflowEnvironment env, WorkflowClient client, FakeStripe stripe, EngineFixtures.Events events) {
        BillingEvent checkout = events.checkoutPaid(env.currentTimeMillis() / 1000, "price_pro");
        stripe.inbox.add(checkout.eventId());
        EngineFixtures.signalWithStart(client, "readsig", CUSTOMER, checkout);
        env.sleep(Duration.ofMinutes(1));
    }

    @Test
    void givenARunningCustomer_whenARereadIsRequested_thenStripeIsReadOnceAndNoEventIdIsApplied() {
        try (TestWorkflowEnvironment env = environment()) {
            FakeVendors vendors = new FakeVendors();
            FakeStripe stripe = start(env, true, vendors);
            WorkflowClient client = env.getWorkflowClient();
            signUp(env, client, stripe, new EngineFixtures.Events(CUSTOMER));
            CustomerRecord before = workflow(client).state();
            int readsBefore = stripe.reads.get();
            stripe.subscription("sub_1", "active", "price_plus"); // changed in Stripe without a webhook

            requestRead(client, new BillingReadReason("backfill", "backfill run r1"));
            env.sleep(Duration.ofMinutes(1));

            CustomerRecord after = workflow(client).state();
            assertThat(stripe.reads.get() - readsBefore).isEqualTo(1);
            assertThat(after.recentEventIds()).isEqualTo(before.recentEventIds());
            assertThat(after.eventsApplied()).isEqualTo(before.eventsApplied());
            assertThat(after.lastEventId()).isEqualTo(before.lastEventId());
            assertThat(after.member().planName()).isEqualTo("plus");
            assertThat(after.timeline()).anySatisfy(t -> {
                assertThat(t.kind()).isEqualTo("read");
                assertThat(t.actor()).isEqualTo("backfill");
                assertThat(t.eventId()).isNull();
                assertThat(t.text()).isEqualTo("Stripe read requested: backfill run r1");
            });
            List<AuditEntry> audit = List.copyOf(vendors.audit);
            assertThat(audit).filteredOn(a -> a.kind().equals("event")).hasSize(1);
            assertThat(audit).filteredOn(a -> a.kind().equals("read")).singleElement()
                    .satisfies(a -> assertThat(a.actor()).isEqualTo("backfill"));
        }
    }

    @Test
    void givenACustomerWithoutAWorkflow_whenARereadIsRequested_thenItStartsAndTakesItsStateFromStripe() {
        try (TestWorkflowEnvironment env = environment()) {
            FakeVendors vendors = new FakeVendors();
            FakeStripe stripe = start(env, true, vendors);
            WorkflowClient client = env.getWorkflowClient();

            requestRead(client, new BillingReadReason("backfill", "backfill run r1"));
            env.sleep(Duration.ofMinutes(1));

            CustomerRecord state = workflow(client).state();
            assertThat(stripe.reads.get()).isEqualTo(1);
            assertThat(state.member().status()).isEqualTo(MemberStatus.ACTIVE);
            assertThat(state.eventsApplied()).isZero();
            assertThat(state.recentEventIds()).isEmpty();
            assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        }
    }

    @Test
    void givenAHistoryInWhichAWorkerWithoutTheHandlerReceivedTheSignal_thenTheCurrentCodeReplaysIt() throws Exception {
        WorkflowExecutionHistory history;
        try (TestWorkflowEnvironment env = environment()) {
            FakeStripe stripe = start(env, false, new FakeVendors());
            WorkflowClient client = env.getWorkflowClient();
            EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
            signUp(env, client, stripe, events);
            int readsBefore = stripe.reads.get();
            requestRead(client, new BillingReadReason("backfill", "backfill run r1"));
            env.sleep(Duration.ofMinutes(1));
            assertThat(stripe.reads.get()).as("the older worker does nothing").isEqualTo(readsBefore);
            stripe.subscription("sub_1", "past_due", "price_pro");
            BillingEvent failed = events.invoice("invoice.payment_failed", env.currentTimeMillis() / 1000, "price_pro", 0);
            EngineFixtures.signalWithStart(client, "readsig", CUSTOMER, failed);
            env.sleep(Duration.ofMinutes(1));
            history = client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER));
        }
        assertThat(history.getEvents()).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .extracting(e -> e.getWorkflowExecutionSignaledEventAttributes().getSignalName()).contains("requestBillingRead");

        try (TestWorkflowEnvironment env = environment()) {
            Worker current = env.newWorker("replay");
            current.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                    () -> new CustomerWorkflowImpl(settings(), EngineFixtures.fastPolicies()));
            WorkflowReplayer.replayWorkflowExecution(history, current);
        }
    }

    /**
     * Records {@code customer-v11-billing-read-signal.json} (replayed by CustomerWorkflowReplayTest): a customer the
     * backfill starts with {@code requestBillingRead} (the handler runs in the run's first workflow task), a payment
     * failure read from Stripe, then a request to the running workflow from an operator that finds it paid again.
     * {@code mvn test -Dtest=BillingReadSignalWorkflowTest -Dmemberflow.record-histories=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordABillingReadSignalHistory() throws Exception {
        try (TestWorkflowEnvironment env = environment()) {
            FakeStripe stripe = start(env, true, new FakeVendors());
            WorkflowClient client = env.getWorkflowClient();
            requestRead(client, new BillingReadReason("backfill", "backfill run 2026-11-25"));
            env.sleep(Duration.ofMinutes(1));
            stripe.subscription("sub_1", "past_due", "price_pro");
            BillingEvent failed = new EngineFixtures.Events(CUSTOMER)
                    .invoice("invoice.payment_failed", env.currentTimeMillis() / 1000, "price_pro", 0);
            stripe.inbox.add(failed.eventId());
            EngineFixtures.signalWithStart(client, "readsig", CUSTOMER, failed);
            env.sleep(Duration.ofMinutes(1));
            stripe.subscription("sub_1", "active", "price_pro"); // paid again, and its webhook got lost
            workflow(client).requestBillingRead(new BillingReadReason("sam", "member says the card was fixed"));
            env.sleep(Duration.ofMinutes(1));
            assertThat(workflow(client).state().member().status()).isEqualTo(MemberStatus.ACTIVE);
            String json = client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).toJson(true);
            Files.writeString(Path.of("src/test/resources/histories/customer-v11-billing-read-signal.json"), json);
        }
    }
}
