package io.memberflow.temporal;

import io.memberflow.config.TemporalProperties;
import io.memberflow.dispatch.WorkflowDelivery;
import io.memberflow.workflow.BillingReadReason;
import io.memberflow.workflow.CustomerWorkflow;
import io.memberflow.workflow.CustomerWorkflowInput;
import io.memberflow.workflow.DriftRepair;
import io.memberflow.workflow.OperatorAction;
import io.memberflow.workflow.OperatorSignal;
import io.memberflow.domain.BillingEvent;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;

/**
 * The only way events enter Temporal (signal-with-start of the customer's workflow), and the one place that signals
 * customer workflows from outside them: operator actions, read requests, drift repairs (ArchitectureTest).
 */
@Singleton
public class WorkflowGateway implements WorkflowDelivery {
    private final WorkflowClient client;
    private final String taskQueue;

    public WorkflowGateway(WorkflowClient client, TemporalProperties properties) {
        this.client = client;
        this.taskQueue = properties.taskQueue();
    }

    /**
     * Starts the customer's workflow if it is not running and delivers the event to it. Safe to repeat: the
     * workflow ignores an event id it has applied. Throws the Temporal client's exception when the server cannot
     * be reached; the caller keeps the event in the inbox for the relay.
     */
    @Override
    public void deliver(BillingEvent event) {
        CustomerWorkflow stub = stub(event.customerId());
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(stub::run, new CustomerWorkflowInput(event.customerId(), null));
        request.add(stub::onEvent, event);
        signalWithStart(request);
    }

    /**
     * One signal-with-start of {@code onEvents} carrying all of one customer's {@code events} (a single event goes
     * through {@link #deliver}). Only for workers that have the {@code onEvents} handler: workflows.md, deploy order.
     */
    @Override
    public void deliverAll(java.util.List<BillingEvent> events) {
        if (events.size() == 1) {
            deliver(events.get(0));
            return;
        }
        String customerId = events.get(0).customerId();
        CustomerWorkflow stub = stub(customerId);
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(stub::run, new CustomerWorkflowInput(customerId, null));
        request.add(stub::onEvents, java.util.List.copyOf(events));
        signalWithStart(request);
    }

    private CustomerWorkflow stub(String customerId) {
        return client.newWorkflowStub(CustomerWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(CustomerWorkflow.workflowId(customerId))
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    }

    private void signalWithStart(BatchRequest request) {
        try {
            client.signalWithStart(request);
        } catch (io.temporal.client.WorkflowExecutionAlreadyStarted raced) {
            // another delivery (another replica) started the customer's workflow at the same moment: it runs now,
            // so a second signal-with-start signals it
            client.signalWithStart(request);
        }
    }

    /**
     * Starts the customer's workflow if it is not running and asks it, with the {@code requestBillingRead} signal, to
     * read Stripe's current state (the backfill of customers memberflow has not seen). Only for workers that have that
     * handler: workflows.md, deploy order ({@link #deliverReadTrigger} until then). Only useful with STRIPE_API_KEY set.
     */
    public void requestBillingRead(String customerId, BillingReadReason reason) {
        CustomerWorkflow stub = stub(customerId);
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(stub::run, new CustomerWorkflowInput(customerId, null));
        request.add(stub::requestBillingRead, reason);
        signalWithStart(request);
    }

    /** The type of the synthetic event {@link #deliverReadTrigger} sends: a billing-status event, so it triggers a read. */
    public static final String BILLING_READ_TRIGGER_TYPE = "customer.subscription.updated";

    /**
     * What asked for a read before {@link #requestBillingRead}: a synthetic {@value #BILLING_READ_TRIGGER_TYPE} event
     * with id {@code triggerId} and no payload (with Stripe reads on, a billing-status event only triggers a read), which
     * the workflow applies once per id like any event. Only while workers of a release without {@code requestBillingRead}
     * may take the customer's workflow tasks ({@code memberflow.backfill.read-signal=false}); remove with that setting.
     */
    public void deliverReadTrigger(String customerId, String triggerId, long createdEpochSeconds) {
        deliver(BillingEvent.builder(triggerId, BILLING_READ_TRIGGER_TYPE, createdEpochSeconds, customerId).build());
    }

    /**
     * Sends a reconciliation run's {@code repairDrift} to the customer's current run.
     *
     * @return false when the customer has no running workflow (nothing to repair there)
     */
    public boolean repairDrift(String customerId, DriftRepair repair) {
        try {
            existing(customerId).repairDrift(repair);
            return true;
        } catch (WorkflowNotFoundException e) {
            return false;
        }
    }

    /**
     * The status of the customer's latest run.
     *
     * @throws WorkflowNotFoundException when the customer never had a workflow
     */
    public WorkflowExecutionStatus status(String customerId) {
        return client.newUntypedWorkflowStub(CustomerWorkflow.workflowId(customerId)).describe().getStatus();
    }

    /**
     * Sends an operator signal (by the name the {@code temporal} CLI uses too, e.g. {@code retrySync}) to the
     * customer's current run.
     *
     * @throws io.temporal.client.WorkflowNotFoundException when the customer has no running workflow
     */
    public void signal(String customerId, OperatorSignal signal, OperatorAction action) {
        client.newUntypedWorkflowStub(CustomerWorkflow.workflowId(customerId)).signal(signal.signalName(), action);
    }

    /** A typed stub for queries and operator signals on a customer's current run. */
    public CustomerWorkflow existing(String customerId) {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(customerId));
    }
}
