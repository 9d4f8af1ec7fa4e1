package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One long-running workflow per Stripe customer, id {@code customer-<stripe customer id>}. It applies each
 * Stripe event once (by event id), keeps the customer's state, and continues-as-new before its history grows
 * large, carrying that state. Operator signals each take one {@link OperatorAction} JSON object and are recorded
 * in the audit trail with their actor and reason.
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

    /**
     * Delivers several of one customer's events at once, in arrival order; applied exactly as the same events sent
     * one by one to {@link #onEvent} (a repeated event id is ignored). Needs a worker that has this handler: see
     * workflows.md, deploy order.
     */
    @SignalMethod
    void onEvents(java.util.List<BillingEvent> events);

    /**
     * Asks for a read of Stripe's current state (the backfill of customers memberflow has not seen; an operator): the
     * workflow reads as after a billing event and notes in its timeline who asked. No event id is applied. Needs a
     * worker that has this handler: see workflows.md, deploy order.
     */
    @SignalMethod
    void requestBillingRead(BillingReadReason reason);

    /** Re-runs the side effects the current state requires (after fixing a credential, say). */
    @SignalMethod
    void retrySync(OperatorAction action);

    /**
     * A reconciliation run saw Circle or Kit (or Stripe) disagree with this record: correct what is applied to what
     * was seen, then let the usual diff repair it. Sent by the reconciliation job, not by people.
     */
    @SignalMethod
    void repairDrift(DriftRepair repair);

    /** Operator override: access is granted whatever billing says, until {@code clearOverride}. */
    @SignalMethod
    void grantAccess(OperatorAction action);

    /** Operator override: access is revoked whatever billing says, until {@code clearOverride}. */
    @SignalMethod
    void revokeAccess(OperatorAction action);

    @SignalMethod
    void clearOverride(OperatorAction action);

    /** Operator block: state BLOCKED, access revoked, until {@code unblock}. */
    @SignalMethod
    void block(OperatorAction action);

    @SignalMethod
    void unblock(OperatorAction action);

    /** Marks support task {@code taskId} resolved. */
    @SignalMethod
    void resolveSupportTask(OperatorAction action);

    /** The customer's whole state. */
    @QueryMethod
    CustomerRecord state();

    /** Side effects still to do, the last failure and what the workflow waits for. */
    @QueryMethod
    PendingWork pending();
}
