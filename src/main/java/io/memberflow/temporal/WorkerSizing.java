package io.memberflow.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;

/**
 * How much one worker process takes on ({@code memberflow.worker.*}). The sticky cache keeps that many customers'
 * workflows in memory, so their next event needs no replay; each cached workflow also holds a parked workflow
 * thread, so the thread limit must be at least the cache size. Defaults are sized for about 10,000 live
 * customers in a 512 MiB heap: the active ones stay cached, the rest replay on their next event.
 */
@ConfigurationProperties("memberflow.worker")
public record WorkerSizing(@Bindable(defaultValue = "1000") int stickyCacheSize,
                           @Bindable(defaultValue = "1000") int maxWorkflowThreads,
                           @Bindable(defaultValue = "4") int workflowPollers,
                           @Bindable(defaultValue = "4") int activityPollers,
                           @Bindable(defaultValue = "100") int maxConcurrentActivities,
                           @Bindable(defaultValue = "50") int maxConcurrentWorkflowTasks) {

    public WorkerSizing {
        if (stickyCacheSize < 1 || maxWorkflowThreads < stickyCacheSize) {
            throw new IllegalArgumentException("memberflow.worker.max-workflow-threads (" + maxWorkflowThreads
                    + ") must be at least memberflow.worker.sticky-cache-size (" + stickyCacheSize + "), which must be positive");
        }
        if (workflowPollers < 1 || activityPollers < 1 || maxConcurrentActivities < 1 || maxConcurrentWorkflowTasks < 2) {
            throw new IllegalArgumentException("memberflow.worker pollers and concurrency limits must be positive"
                    + " (max-concurrent-workflow-tasks at least 2)");
        }
    }

    public WorkerFactoryOptions.Builder factoryOptions() {
        return WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(stickyCacheSize)
                .setMaxWorkflowThreadCount(maxWorkflowThreads);
    }

    public WorkerOptions workerOptions() {
        return WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskPollers(workflowPollers)
                .setMaxConcurrentActivityTaskPollers(activityPollers)
                .setMaxConcurrentActivityExecutionSize(maxConcurrentActivities)
                .setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentWorkflowTasks)
                .build();
    }
}
