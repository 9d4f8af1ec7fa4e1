package io.memberflow.reconcile;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;

/**
 * Runs the reconciliation activity once. It heartbeats after every page and saves its cursor, so after a worker
 * crash the retry (within two minutes) goes on where the run stopped; a bad request is final.
 */
public class ReconcileWorkflowImpl implements ReconcileWorkflow {
    private static final Logger LOG = Workflow.getLogger(ReconcileWorkflowImpl.class);

    private final ReconcileActivities activities = Workflow.newActivityStub(ReconcileActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofHours(12))
                    .setHeartbeatTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(10))
                            .setBackoffCoefficient(2.0)
                            .setMaximumInterval(Duration.ofMinutes(5))
                            .setMaximumAttempts(6)
                            .setDoNotRetry(IllegalArgumentException.class.getName())
                            .build())
                    .build());

    @Override
    public ReconcileResult run(ReconcileRequest request) {
        ReconcileResult result = activities.reconcile(request == null ? ReconcileRequest.scheduled() : request);
        LOG.info("Reconciliation {} done: {} customer(s), {}", result.runId(), result.checked(), result.counts());
        return result;
    }
}
