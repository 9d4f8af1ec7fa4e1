package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One long-running workflow per Stripe customer, id {@code customer-<stripe customer id>}. It applies each
 * Stripe event once (by event id), keeps the customer's state, and continues-as-new before its history grows
 * large, carrying that state.
 */
@WorkflowInterface
public interface CustomerWorkflow {

    static String workflowId(String customerId) {
        return "customer-" + customerId;
    }

    @WorkflowMethod
    void run(CustomerWorkflowInput input);

    /** Delivers one normalised Stripe event. A repeated event id is ignored. */
    @SignalMethod
    void onEvent(BillingEvent event);

    /** The customer's whole state. */
    @QueryMethod
    CustomerRecord state();
}
