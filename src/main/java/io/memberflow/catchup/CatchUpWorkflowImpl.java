package io.memberflow.catchup;

import io.memberflow.activities.VendorFailures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;

/**
 * Runs the listing activity once and records its counts as the result. The activity heartbeats after each page, so
 * a crashed worker's run is retried within two minutes; a rejected key is final.
 */
public class CatchUpWorkflowImpl implements CatchUpWorkflow {
    private static final Logger LOG = Workflow.getLogger(CatchUpWorkflowImpl.class);

    private final CatchUpActivities activities = Workflow.newActivityStub(CatchUpActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(30))
                    .setHeartbeatTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(5))
                            .setBackoffCoefficient(2.0)
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(5)
                            .setDoNotRetry(VendorFailures.FINAL, IllegalArgumentException.class.getName())
                            .build())
                    .build());
    private CatchUpCounts counts;

    @Override
    public CatchUpCounts run(CatchUpRequest request) {
        CatchUpCounts result = activities.catchUp(request == null ? CatchUpRequest.scheduled() : request);
        counts = result;
        LOG.info("Stripe catch-up ({}) done: {}", request == null ? "schedule" : request.trigger(), result);
        return result;
    }

    @Override
    public CatchUpCounts counts() {
        return counts;
    }
}
