package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version {@code leading-edge-read}: the first billing event of a burst reads Stripe at once; events that arrive
 * while that read runs ask for one more read, which waits the debounce; a later burst reads at once again.
 */
class LeadingEdgeReadTest {
    private static final String CUSTOMER = "cus_leading";
    private static final long DEBOUNCE = 250;

    private static TestWorkflowEnvironment environment() {
        return EngineFixtures.environment();
    }

    private static FakeStripe start(TestWorkflowEnvironment env) {
        Worker worker = env.newWorker("leading");
        FakeStripe stripe = new FakeStripe("member@example.com").subscription("sub_1", "active", "price_pro");
        stripe.clockMillis = env::currentTimeMillis;
        worker.registerActivitiesImplementations(new FakeVendors(), stripe);
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000).withBillingReads(DEBOUNCE),
                        EngineFixtures.fastPolicies()));
        env.start();
        return stripe;
    }

    private static CustomerWorkflow workflow(WorkflowClient client) {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER));
    }

    @Test
    void givenASignupWhoseEventsTheInboxHeld_thenStripeIsReadOnceWithoutWaitingAndAccessFollows() {
        try (TestWorkflowEnvironment env = environment()) {
            FakeStripe stripe = start(env);
            WorkflowClient client = env.getWorkflowClient();
            EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
            long t = env.currentTimeMillis() / 1000;
            List<BillingEvent> signup = List.of(events.checkoutPaid(t, "price_pro"),
                    events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null),
                    events.invoice("invoice.paid", t, "price_pro", 2900));
            signup.forEach(e -> stripe.inbox.add(e.eventId()));

            signup.forEach(e -> EngineFixtures.signalWithStart(client, "leading", CUSTOMER, e));
            env.sleep(Duration.ofMinutes(1));

            assertThat(stripe.debounces).containsExactly(0L);
            assertThat(workflow(client).state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        }
    }

    @Test
    void givenAnEventArrivingDuringTheFirstRead_thenOneMoreReadWaitsTheDebounce_andALaterBurstReadsAtOnceAgain() {
        try (TestWorkflowEnvironment env = environment()) {
            FakeStripe stripe = start(env);
            WorkflowClient client = env.getWorkflowClient();
            EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
            long t = env.currentTimeMillis() / 1000;
            BillingEvent checkout = events.checkoutPaid(t, "price_pro");
            BillingEvent paid = events.invoice("invoice.paid", t, "price_pro", 2900);
            stripe.inbox.add(checkout.eventId());
            // not in the inbox when the read began: the read does not cover it
            stripe.duringRead.set(() -> EngineFixtures.signalWithStart(client, "leading", CUSTOMER, paid));

            EngineFixtures.signalWithStart(client, "leading", CUSTOMER, checkout);
            env.sleep(Duration.ofMinutes(1));
            assertThat(stripe.debounces).containsExactly(0L, DEBOUNCE);

            stripe.subscription("sub_1", "past_due", "price_pro");
            EngineFixtures.signalWithStart(client, "leading", CUSTOMER, events.invoice("invoice.payment_failed", t + 60, "price_pro", 0));
            env.sleep(Duration.ofMinutes(1));

            assertThat(stripe.debounces).containsExactly(0L, DEBOUNCE, 0L);
            assertThat(workflow(client).state().member().status()).isEqualTo(MemberStatus.PAST_DUE);
            assertThat(workflow(client).state().hasApplied(paid.eventId())).isTrue();
        }
    }

    /**
     * Records {@code customer-v10-leading-edge-read.json} (replayed by CustomerWorkflowReplayTest): a signup read at
     * once, an event during that read read again after the debounce, then a failed payment read at once.
     * {@code mvn test -Dtest=LeadingEdgeReadTest -Dmemberflow.record-histories=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordALeadingEdgeReadHistory() throws Exception {
        try (TestWorkflowEnvironment env = environment()) {
            FakeStripe stripe = start(env);
            WorkflowClient client = env.getWorkflowClient();
            EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
            long t = env.currentTimeMillis() / 1000;
            BillingEvent checkout = events.checkoutPaid(t, "price_pro");
            BillingEvent created = events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null);
            BillingEvent paid = events.invoice("invoice.paid", t, "price_pro", 2900);
            stripe.inbox.addAll(List.of(checkout.eventId(), created.eventId()));
            stripe.duringRead.set(() -> EngineFixtures.signalWithStart(client, "leading", CUSTOMER, paid));
            EngineFixtures.signalWithStart(client, "leading", CUSTOMER, checkout);
            EngineFixtures.signalWithStart(client, "leading", CUSTOMER, created);
            env.sleep(Duration.ofMinutes(1));
            stripe.subscription("sub_1", "past_due", "price_pro");
            EngineFixtures.signalWithStart(client, "leading", CUSTOMER, events.invoice("invoice.payment_failed", t + 60, "price_pro", 0));
            env.sleep(Duration.ofMinutes(1));
            String json = client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).toJson(true);
            Files.writeString(Path.of("src/test/resources/histories/customer-v10-leading-edge-read.json"), json);
        }
    }
}
