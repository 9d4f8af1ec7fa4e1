package io.memberflow.reconcile;

import io.memberflow.config.WorkerRole;
import io.memberflow.temporal.JobQueueWorker;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * With Circle or Kit credentials set, the reconciliation task queue ({@code memberflow.reconcile.task-queue}):
 * {@link ReconcileWorkflow} and its activity. It runs with the workers (roles {@code all} and {@code worker}), next to
 * the schedule that starts it.
 */
@Singleton
@WorkerRole
public class ReconcileWorker extends JobQueueWorker {
    private final ReconcileRunner activity;

    public ReconcileWorker(ReconcileRunner activity, ReconcileProperties properties) {
        super(properties.taskQueue(), "reconciliation", ReconcileWorkflowImpl.class, activity);
        this.activity = activity;
    }

    @Override
    public Optional<String> skipped() {
        return activity.enabled() ? Optional.empty() : Optional.of("Circle and Kit are in shadow mode");
    }
}
