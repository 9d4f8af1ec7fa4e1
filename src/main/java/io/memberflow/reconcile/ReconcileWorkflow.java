package io.memberflow.reconcile;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One reconciliation run: started every {@code memberflow.reconcile.interval} by the Temporal Schedule
 * {@value #SCHEDULE_ID} (runs get ids {@code drift-reconcile-<time>}), or on demand by {@code POST /admin/reconcile/runs}
 * or the {@code reconcile --run} command. The workflow id is the run id in {@code reconcile_run}; progress and the
 * report live there, the counts also in the run's result.
 */
@WorkflowInterface
public interface ReconcileWorkflow {
    String SCHEDULE_ID = "drift-reconcile";

    @WorkflowMethod
    ReconcileResult run(ReconcileRequest request);
}
