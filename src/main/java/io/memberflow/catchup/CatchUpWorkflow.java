package io.memberflow.catchup;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One catch-up of missed Stripe webhooks: started every {@code memberflow.catch-up.interval} by the Temporal Schedule
 * {@value #SCHEDULE_ID} (whose runs get ids {@code stripe-catch-up-<time>}) or on demand by {@code POST
 * /admin/catch-up}. Its result, the counts, stays in the run's history.
 */
@WorkflowInterface
public interface CatchUpWorkflow {
    String SCHEDULE_ID = "stripe-catch-up";

    @WorkflowMethod
    CatchUpCounts run(CatchUpRequest request);

    /** The counts once the run is done, null before. */
    @QueryMethod
    CatchUpCounts counts();
}
