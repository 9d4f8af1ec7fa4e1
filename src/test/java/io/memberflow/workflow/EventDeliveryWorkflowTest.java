package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery of events to a customer's workflow: each applied once by its id, across continue-as-new too. */
class EventDeliveryWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    @org.junit.jupiter.api.BeforeEach
    void register(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(new FakeVendors());
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class, () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(60), EngineFixtures.fastPolicies()));
        env.start();
    }

    static BillingEvent event(String id, String type, long created) {
        return new BillingEvent(id, type, created, "cus_wf", null, null, "sub_1", "active", List.of("price_x"),
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static CustomerWorkflow start(WorkflowClient client, Worker worker, BillingEvent first) {
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), "cus_wf", first);
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId("cus_wf"));
    }

    /** The in-memory test server briefly has no open run while it continues one as new; a real server does not. */
    private static void signal(CustomerWorkflow wf, BillingEvent event) {
        for (int attempt = 0; ; attempt++) {
            try {
                wf.onEvent(event);
                return;
            } catch (io.temporal.client.WorkflowNotFoundException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    @Test
    void givenTheSameEventIdSignalledTwice_thenItIsAppliedOnce(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        CustomerWorkflow wf = start(client, worker, event("evt_1", "invoice.paid", 100));
        wf.onEvent(event("evt_1", "invoice.paid", 100));
        wf.onEvent(event("evt_2", "invoice.payment_failed", 200));
        env.sleep(Duration.ofSeconds(1));

        CustomerRecord state = wf.state();

        assertThat(state.eventsApplied()).isEqualTo(2);
        assertThat(state.lastEventId()).isEqualTo("evt_2");
        assertThat(state.lastEventType()).isEqualTo("invoice.payment_failed");
        assertThat(state.lastEventAt()).isEqualTo(200);
    }

    @Test
    void givenALongHistory_thenTheWorkflowContinuesAsNewCarryingStateAndEventIds(TestWorkflowEnvironment env,
                                                                                 WorkflowClient client, Worker worker) {
        start(client, worker, event("evt_0", "invoice.paid", 1));
        // a stub by workflow id only follows the chain of runs (a stub bound to the first run would not)
        CustomerWorkflow wf = client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId("cus_wf"));
        for (int i = 1; i < 40; i++) {
            signal(wf, event("evt_" + i, "invoice.paid", i));
            env.sleep(Duration.ofMillis(10));
        }
        env.sleep(Duration.ofSeconds(1));

        signal(wf, event("evt_5", "invoice.paid", 5)); // a redelivery from before the new run
        env.sleep(Duration.ofSeconds(1));
        CustomerRecord state = wf.state();

        assertThat(state.eventsApplied()).isEqualTo(40);
        assertThat(state.recentEventIds()).contains("evt_0", "evt_39");
        // 40 signals make well over 120 history events in one run: a short current history proves continue-as-new
        assertThat(client.fetchHistory(CustomerWorkflow.workflowId("cus_wf")).getEvents().size()).isLessThan(120);
    }
}
