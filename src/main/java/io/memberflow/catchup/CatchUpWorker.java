package io.memberflow.catchup;

import io.memberflow.config.WorkerRole;
import io.memberflow.temporal.JobQueueWorker;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * With STRIPE_API_KEY set, the catch-up task queue ({@code memberflow.catch-up.task-queue}): {@link CatchUpWorkflow}
 * and its activity. It runs with the workers (roles {@code all} and {@code worker}), next to the schedule that starts
 * it; the activity records what it finds through {@link io.memberflow.intake.EventIntake} (which has no HTTP endpoint
 * in the worker role).
 */
@Singleton
@WorkerRole
@Requires(condition = VendorSettings.StripeOn.class)
public class CatchUpWorker extends JobQueueWorker {

    public CatchUpWorker(StripeCatchUp activity, CatchUpProperties properties) {
        super(properties.taskQueue(), "Stripe catch-up", CatchUpWorkflowImpl.class, activity);
    }
}
