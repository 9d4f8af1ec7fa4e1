package io.memberflow.schedule;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * A worker of its own for one scheduled job (catch-up, reconciliation): one task queue, one workflow type, its
 * activity, at most one activity at a time per process, so the customers' worker is untouched. Started once, stopped
 * on shutdown (running activities get 10 s).
 */
public final class JobWorker {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    private WorkerFactory factory;

    public synchronized void start(WorkflowClient client, String taskQueue, Class<?> workflowImplementation,
                                   Object activity, String what) {
        if (factory != null) {
            return;
        }
        factory = WorkerFactory.newInstance(client);
        var worker = factory.newWorker(taskQueue, WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1)
                .setMaxConcurrentWorkflowTaskExecutionSize(2)
                .build());
        worker.registerWorkflowImplementationTypes(workflowImplementation);
        worker.registerActivitiesImplementations(activity);
        factory.start();
        LOG.info("{} worker polling task queue {}", what, taskQueue);
    }

    public synchronized boolean running() {
        return factory != null;
    }

    public synchronized void stop() {
        if (factory != null) {
            factory.shutdown();
            factory.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
