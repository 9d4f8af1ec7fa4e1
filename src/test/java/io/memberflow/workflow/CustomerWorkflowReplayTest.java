package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Replays histories saved from earlier versions of {@link CustomerWorkflowImpl}: a change that would break a
 * running customer's workflow fails here. Record a new history (after a {@code Workflow.getVersion} guarded
 * change) with {@code mvn test -Dtest=CustomerWorkflowReplayTest -Dmemberflow.record-histories=true}.
 */
class CustomerWorkflowReplayTest {

    private static Worker worker(TestWorkflowEnvironment env) {
        Worker worker = env.newWorker("replay");
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000), EngineFixtures.fastPolicies()));
        return worker;
    }

    @ParameterizedTest
    @ValueSource(strings = {"histories/customer-v1-journey.json"})
    void givenASavedHistory_thenTheCurrentCodeReplaysItDeterministically(String resource) throws Exception {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            WorkflowReplayer.replayWorkflowExecutionFromResource(resource, worker(env));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordTheJourneyHistory() throws Exception {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = worker(env);
            worker.registerActivitiesImplementations(new FakeVendors());
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            EngineFixtures.Events events = new EngineFixtures.Events("cus_replay");
            long t = env.currentTimeMillis() / 1000;
            send(env, client, events.checkoutPaid(t, "price_pro"));
            send(env, client, events.invoice("invoice.payment_failed", t + 60, "price_pro", 0));
            env.sleep(Duration.ofDays(4));
            long later = env.currentTimeMillis() / 1000;
            send(env, client, events.invoice("invoice.paid", later, "price_pro", 2900));
            send(env, client, events.subscription("customer.subscription.updated", later + 5, "sub_1", "active", "price_plus", false, null));
            send(env, client, events.dispute("charge.dispute.created", later + 10, "needs_response"));
            send(env, client, events.dispute("charge.dispute.closed", later + 20, "won"));
            send(env, client, events.refund(later + 30, 2900, 2900));
            String json = client.fetchHistory(CustomerWorkflow.workflowId("cus_replay")).toJson(true);
            Files.writeString(Path.of("src/test/resources/histories/customer-v1-journey.json"), json);
        }
    }

    private static void send(TestWorkflowEnvironment env, WorkflowClient client, BillingEvent event) {
        CustomerWorkflow stub = client.newWorkflowStub(CustomerWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(CustomerWorkflow.workflowId("cus_replay")).setTaskQueue("replay").build());
        var request = client.newSignalWithStartRequest();
        request.add(stub::run, new CustomerWorkflowInput("cus_replay", null));
        request.add(stub::onEvent, event);
        client.signalWithStart(request);
        env.sleep(Duration.ofMinutes(1));
    }
}
