package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans, settings and Stripe-like events for workflow tests. */
final class EngineFixtures {
    static final Duration GRACE = Duration.ofDays(3);

    private EngineFixtures() {
    }

    static EngineSettings settings(int continueAsNewAfter) {
        return new EngineSettings(GRACE.toMillis(),
                List.of(new Plan("plus", Set.of("price_plus"), Set.of(102L), Set.of(9002L)),
                        new Plan("pro", Set.of("price_pro"), Set.of(101L), Set.of(9001L))),
                Map.of(MemberStatus.PAST_DUE, 9100L, MemberStatus.CANCELED, 9101L,
                        MemberStatus.REFUNDED, 9102L, MemberStatus.BLOCKED, 9103L),
                continueAsNewAfter);
    }

    /** A Temporal test environment with memberflow's search attributes, started by each test after registration. */
    static io.temporal.testing.TestWorkflowExtension temporal() {
        return io.temporal.testing.TestWorkflowExtension.newBuilder()
                .registerSearchAttribute("MemberState", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute("NeedsAttention", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL)
                .registerSearchAttribute("PlanName", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .setDoNotStart(true).build();
    }

    /** A time-skipping test environment with memberflow's search attributes, not started yet. */
    static io.temporal.testing.TestWorkflowEnvironment environment() {
        return io.temporal.testing.TestWorkflowEnvironment.newInstance(io.temporal.testing.TestEnvironmentOptions.newBuilder()
                .registerSearchAttribute("MemberState", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .registerSearchAttribute("NeedsAttention", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL)
                .registerSearchAttribute("PlanName", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    }

    /** What the webhook intake does: start the customer's workflow if needed and deliver the event to it. */
    static void signalWithStart(io.temporal.client.WorkflowClient client, String taskQueue, String customer,
                                BillingEvent event) {
        signalWithStart(client, taskQueue, customer, stub -> stub::onEvent, event);
    }

    /** As the service does: starts the customer's workflow if it is not running, with {@code signal(argument)}. */
    static <A> void signalWithStart(io.temporal.client.WorkflowClient client, String taskQueue, String customer,
                                    java.util.function.Function<CustomerWorkflow, io.temporal.workflow.Functions.Proc1<A>> signal,
                                    A argument) {
        CustomerWorkflow stub = client.newWorkflowStub(CustomerWorkflow.class,
                io.temporal.client.WorkflowOptions.newBuilder().setWorkflowId(CustomerWorkflow.workflowId(customer))
                        .setTaskQueue(taskQueue).build());
        var request = client.newSignalWithStartRequest();
        request.add(stub::run, new CustomerWorkflowInput(customer, null));
        request.add(signal.apply(stub), argument);
        client.signalWithStart(request);
    }

    static ActivityPolicies fastPolicies() {
        RetryOptions retry = RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(10)).setMaximumAttempts(4)
                .setDoNotRetry(io.memberflow.activities.VendorFailures.FINAL).build();
        ActivityOptions options = ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(retry).build();
        return new ActivityPolicies(options, options);
    }

    /** Builds events for one customer with increasing ids. */
    static final class Events {
        private final String customer;
        private int n;

        Events(String customer) {
            this.customer = customer;
        }

        BillingEvent checkoutPaid(long created, String price) {
            return event("checkout.session.completed", created, "sub_1", null, List.of(price), null, null, "subscription", "paid", 2900L, null, null, null, null, null);
        }

        BillingEvent subscription(String type, long created, String sub, String status, String price, Boolean cancelAtPeriodEnd, Long periodEnd) {
            return event(type, created, sub, status, List.of(price), cancelAtPeriodEnd, periodEnd, null, null, null, null, null, null, null, null);
        }

        BillingEvent invoice(String type, long created, String price, long amountPaid) {
            return event(type, created, "sub_1", null, List.of(price), null, null, null, null, null, amountPaid, null, null, null, null);
        }

        BillingEvent refund(long created, long amount, long refunded) {
            return event("charge.refunded", created, null, null, List.of(), null, null, null, null, amount, null, refunded, null, null, "ch_1");
        }

        BillingEvent dispute(String type, long created, String status) {
            return event(type, created, null, null, List.of(), null, null, null, null, 2900L, null, null, "dp_1", status, "ch_1");
        }

        private BillingEvent event(String type, long created, String sub, String status, List<String> prices,
                                   Boolean cancel, Long periodEnd, String mode, String paymentStatus, Long amount,
                                   Long amountPaid, Long refunded, String disputeId, String disputeStatus, String charge) {
            n++;
            return new BillingEvent("evt_" + customer + "_" + n, type, created, customer, "member@example.com", "Ada Lovelace",
                    sub, status, prices, cancel, periodEnd, null, mode, paymentStatus, amount, amountPaid, refunded,
                    charge, null, disputeId, disputeStatus, disputeId == null ? null : "fraudulent");
        }
    }
}
