package io.memberflow.temporal;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

/**
 * A background job's task queue: one workflow type and its one activity bean, at most one run at a time per process
 * ({@link WorkerSizing#jobWorkerOptions}), so a job never takes the customer worker's slots. Subclasses name the queue
 * and say what the job is; the registry makes the worker like every other.
 */
public abstract class JobQueueWorker implements TaskQueueWorker {
    private final String taskQueue;
    private final String description;
    private final Class<?> workflowImplementation;
    private final Object activity;

    protected JobQueueWorker(String taskQueue, String description, Class<?> workflowImplementation, Object activity) {
        this.taskQueue = taskQueue;
        this.description = description;
        this.workflowImplementation = workflowImplementation;
        this.activity = activity;
    }

    @Override
    public final String taskQueue() {
        return taskQueue;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final WorkerOptions options(WorkerSizing sizing) {
        return sizing.jobWorkerOptions();
    }

    @Override
    public final void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(workflowImplementation);
        worker.registerActivitiesImplementations(activity);
    }
}
