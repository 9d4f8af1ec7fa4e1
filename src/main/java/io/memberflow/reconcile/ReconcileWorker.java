package io.memberflow.reconcile;

import io.memberflow.config.WorkerRole;
import io.memberflow.temporal.TaskQueueWorker;
import io.memberflow.temporal.WorkerSizing;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * With Circle or Kit credentials set, the reconciliation task queue ({@code memberflow.reconcile.task-queue}):
 * {@link ReconcileWorkflow} and its activity, one run at a time per process ({@link WorkerSizing#jobWorkerOptions}),
 * so the customer worker is untouched. It runs with the workers (roles {@code all} and {@code worker}), next to the
 * schedule that starts it.
 */
@Singleton
@WorkerRole
public class ReconcileWorker implements TaskQueueWorker {
    private final ReconcileRunner activity;
    private final ReconcileProperties properties;

    public ReconcileWorker(ReconcileRunner activity, ReconcileProperties properties) {
        this.activity = activity;
        this.properties = properties;
    }

    @Override
    public String taskQueue() {
        return properties.taskQueue();
    }

    @Override
    public String description() {
        return "reconciliation";
    }

    @Override
    public WorkerOptions options(WorkerSizing sizing) {
        return sizing.jobWorkerOptions();
    }

    @Override
    public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(ReconcileWorkflowImpl.class);
        worker.registerActivitiesImplementations(activity);
    }

    @Override
    public Optional<String> skipped() {
        return activity.enabled() ? Optional.empty() : Optional.of("Circle and Kit are in shadow mode");
    }
}
