package io.memberflow.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;

/**
 * How much one worker process takes on ({@code memberflow.worker.*}). The sticky cache keeps that many customers'
 * workflows in memory, so their next event needs no replay; each cached workflow also holds a parked workflow
 * thread, so the thread limit must be at least the cache size. Defaults are sized for about 10,000 live
 * customers in a 512 MiB heap (the defaults, in application.yml): the active ones stay cached, the rest replay on
 * their next event.
 */
@Context
@ConfigurationProperties("memberflow.worker")
public record WorkerSizing(
        @Min(value = 1, message = "memberflow.worker.sticky-cache-size must be at least 1") int stickyCacheSize,
        int maxWorkflowThreads,
        @Min(value = 1, message = "memberflow.worker.workflow-pollers must be at least 1") int workflowPollers,
        @Min(value = 1, message = "memberflow.worker.activity-pollers must be at least 1") int activityPollers,
        @Min(value = 1, message = "memberflow.worker.max-concurrent-activities must be at least 1") int maxConcurrentActivities,
        @Min(value = 2, message = "memberflow.worker.max-concurrent-workflow-tasks must be at least 2") int maxConcurrentWorkflowTasks) {

    /** The one rule that needs two keys. */
    public WorkerSizing {
        if (maxWorkflowThreads < stickyCacheSize) {
            throw new IllegalArgumentException("memberflow.worker.max-workflow-threads (" + maxWorkflowThreads
                    + ") must be at least memberflow.worker.sticky-cache-size (" + stickyCacheSize + ")");
        }
    }

    public WorkerFactoryOptions.Builder factoryOptions() {
        return WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(stickyCacheSize)
                .setMaxWorkflowThreadCount(maxWorkflowThreads);
    }

    /**
     * A scheduled job's worker (catch-up, reconciliation): one activity at a time per process, so a job never
     * competes with itself for a vendor's rate limit, and the customers' worker keeps its own slots.
     */
    public WorkerOptions jobWorkerOptions() {
        return WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1)
                .setMaxConcurrentWorkflowTaskExecutionSize(2)
                .build();
    }

    /**
     * The customers' worker. Under a start-up ramp its workflow-task and local-activity slots open gradually (the
     * ramp's clock starts here); with the ramp off, every slot is open at once.
     */
    public WorkerOptions workerOptions(StartUpRamp startUp) {
        WorkerOptions.Builder options = WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskPollers(workflowPollers)
                .setMaxConcurrentActivityTaskPollers(activityPollers);
        if (startUp.off()) {
            return options.setMaxConcurrentActivityExecutionSize(maxConcurrentActivities)
                    .setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentWorkflowTasks)
                    .setMaxConcurrentLocalActivityExecutionSize(StartUpRamp.LOCAL_ACTIVITY_SLOTS)
                    .build();
        }
        return options.setWorkerTuner(RampedTuner.start(startUp, maxConcurrentWorkflowTasks, maxConcurrentActivities))
                .build();
    }
}
