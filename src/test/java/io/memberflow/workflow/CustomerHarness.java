package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One customer's workflow on the Temporal test server with stand-in activities: what a workflow test starts from.
 * Events go in the way the intake sends them (signal-with-start), then the test clock moves 30 s so the workflow
 * has done everything it can.
 */
final class CustomerHarness {
    final TestWorkflowEnvironment env;
    final WorkflowClient client;
    final String customer;
    final EngineFixtures.Events events;
    private final String taskQueue;
    private final FakeStripe stripe;

    /** Registers the workflow with {@code settings} and the given activity implementations, then starts the test server. */
    CustomerHarness(TestWorkflowEnvironment env, WorkflowClient client, Worker worker, String customer,
                    Supplier<EngineSettings> settings, Object... activities) {
        this.env = env;
        this.client = client;
        this.customer = customer;
        this.events = new EngineFixtures.Events(customer);
        this.taskQueue = worker.getTaskQueue();
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(settings, EngineFixtures.fastPolicies()));
        worker.registerActivitiesImplementations(activities);
        this.stripe = java.util.Arrays.stream(activities).filter(FakeStripe.class::isInstance).map(FakeStripe.class::cast)
                .findFirst().orElse(null);
        env.start();
    }

    void send(BillingEvent event) {
        signal(event, true);
        settle();
    }

    /**
     * Delivers the event without waiting. {@code recordedInInbox}: the stand-in Stripe's inbox holds it (the intake
     * records an event before it delivers it); false for one recorded after a read began.
     */
    void signal(BillingEvent event, boolean recordedInInbox) {
        if (stripe != null && recordedInInbox) {
            stripe.inbox.add(event.eventId());
        }
        EngineFixtures.signalWithStart(client, taskQueue, customer, event);
    }

    /**
     * Delivers a burst as the dispatcher does when the events already wait in its lane: one {@code onEvents}
     * signal-with-start, each event recorded in the stand-in Stripe's inbox first. Unlike separate signals, no event
     * of the burst can arrive while the workflow is already reading.
     */
    void signalBurst(java.util.List<BillingEvent> burst) {
        if (stripe != null) {
            burst.forEach(event -> stripe.inbox.add(event.eventId()));
        }
        EngineFixtures.signalWithStart(client, taskQueue, customer, stub -> stub::onEvents, burst);
    }

    void settle() {
        env.sleep(Duration.ofSeconds(30));
    }

    long nowSeconds() {
        return env.currentTimeMillis() / 1000;
    }

    /** A stub by workflow id: it follows the customer's runs across continue-as-new. */
    CustomerWorkflow workflow() {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(customer));
    }

    CustomerRecord state() {
        return workflow().state();
    }

    /** A paid checkout for plan {@code pro} (Circle group 101, Kit tag 9001). */
    void signUp() {
        send(events.checkoutPaid(nowSeconds(), "price_pro"));
    }
}
