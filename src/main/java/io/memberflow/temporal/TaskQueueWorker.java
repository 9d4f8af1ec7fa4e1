package io.memberflow.temporal;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

import java.util.Optional;

/**
 * One task queue this process polls: what runs on it and how much of it at once. Each is a bean; the
 * {@link WorkerRegistry} makes its worker on the process's one worker factory (same interceptors, same sticky cache
 * and thread limits), registers it and starts every worker together. Nothing else makes Temporal workers.
 */
public interface TaskQueueWorker {

    /** The task queue polled. */
    String taskQueue();

    /** What the worker does, for the start-up log, e.g. {@code "Stripe catch-up"}. */
    String description();

    /** Per-worker limits, taken from {@link WorkerSizing}. */
    WorkerOptions options(WorkerSizing sizing);

    /** Registers the workflow implementations and activities on {@code worker}; called once, before polling starts. */
    void register(Worker worker);

    /** Why this process does not poll the queue after all (a setting it needs is missing), or empty when it does. */
    default Optional<String> skipped() {
        return Optional.empty();
    }
}
