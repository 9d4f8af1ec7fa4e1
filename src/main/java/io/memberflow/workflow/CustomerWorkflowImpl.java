package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.ArrayDeque;
import java.util.Deque;

/** See {@link CustomerWorkflow}. Signal handlers only queue; the main loop applies events in arrival order. */
public class CustomerWorkflowImpl implements CustomerWorkflow {
    private static final Logger LOG = Workflow.getLogger(CustomerWorkflowImpl.class);

    private final WorkflowSettings settings;
    private final Deque<BillingEvent> queue = new ArrayDeque<>();
    private CustomerRecord record;

    public CustomerWorkflowImpl(WorkflowSettings settings) {
        this.settings = settings;
    }

    @Override
    public void run(CustomerWorkflowInput input) {
        record = input.carried() != null ? input.carried() : CustomerRecord.initial(input.customerId());
        while (true) {
            Workflow.await(() -> !queue.isEmpty() || historyIsLong());
            while (!queue.isEmpty()) {
                apply(queue.poll());
            }
            if (historyIsLong()) {
                Workflow.await(Workflow::isEveryHandlerFinished);
                if (queue.isEmpty()) {
                    LOG.info("Continuing {} as new after {} history events", Workflow.getInfo().getWorkflowId(),
                            Workflow.getInfo().getHistoryLength());
                    Workflow.continueAsNew(new CustomerWorkflowInput(record.customerId(), record));
                }
            }
        }
    }

    private void apply(BillingEvent event) {
        if (record.hasApplied(event.eventId())) {
            LOG.info("Event {} already applied; ignored", event.eventId());
            return;
        }
        record = record.recording(event.eventId(), event.type(), event.created());
        LOG.info("Applied {} ({})", event.eventId(), event.type());
    }

    private boolean historyIsLong() {
        return Workflow.getInfo().isContinueAsNewSuggested()
                || Workflow.getInfo().getHistoryLength() > settings.continueAsNewAfter();
    }

    @Override
    public void onEvent(BillingEvent event) {
        queue.add(event);
    }

    @Override
    public CustomerRecord state() {
        return record;
    }
}
