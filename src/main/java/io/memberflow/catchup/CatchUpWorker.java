package io.memberflow.catchup;

import io.memberflow.config.WorkerRole;
import io.memberflow.temporal.TaskQueueWorker;
import io.memberflow.temporal.WorkerSizing;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Requires;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Singleton;

/**
 * With STRIPE_API_KEY set, the catch-up task queue ({@code memberflow.catch-up.task-queue}): {@link CatchUpWorkflow}
 * and its activity. It runs with the workers (roles {@code all} and {@code worker}), next to the schedule that starts
 * it; the activity records what it finds through {@link io.memberflow.intake.EventIntake} (which has no HTTP endpoint
 * in the worker role). A worker of its own, so the customer worker is untouched; at most one catch-up runs at a time
 * per process ({@link WorkerSizing#jobWorkerOptions}).
 */
@Singleton
@WorkerRole
@Requires(condition = VendorSettings.StripeOn.class)
public class CatchUpWorker implements TaskQueueWorker {
    private final StripeCatchUp activity;
    private final CatchUpProperties properties;

    public CatchUpWorker(StripeCatchUp activity, CatchUpProperties properties) {
        this.activity = activity;
        this.properties = properties;
    }

    @Override
    public String taskQueue() {
        return properties.taskQueue();
    }

    @Override
    public String description() {
        return "Stripe catch-up";
    }

    @Override
    public WorkerOptions options(WorkerSizing sizing) {
        return sizing.jobWorkerOptions();
    }

    @Override
    public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(CatchUpWorkflowImpl.class);
        worker.registerActivitiesImplementations(activity);
    }
}
