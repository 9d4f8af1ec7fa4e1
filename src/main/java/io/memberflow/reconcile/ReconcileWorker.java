package io.memberflow.reconcile;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * With Circle or Kit credentials set, polls {@code memberflow.reconcile.task-queue} for {@link ReconcileWorkflow}
 * and its activity: a worker of its own, one run at a time per process, so the customer worker is untouched.
 */
@Singleton
@Requires(property = "memberflow.role", notEquals = "worker")
public class ReconcileWorker implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileWorker.class);

    private final WorkflowClient client;
    private final ReconcileRunner activity;
    private final ReconcileProperties properties;
    private WorkerFactory factory;

    public ReconcileWorker(WorkflowClient client, ReconcileRunner activity, ReconcileProperties properties) {
        this.client = client;
        this.activity = activity;
        this.properties = properties;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (!activity.enabled()) {
            LOG.info("Circle and Kit are in shadow mode: no reconciliation worker");
            return;
        }
        factory = WorkerFactory.newInstance(client);
        var worker = factory.newWorker(properties.taskQueue(), WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1)
                .setMaxConcurrentWorkflowTaskExecutionSize(2)
                .build());
        worker.registerWorkflowImplementationTypes(ReconcileWorkflowImpl.class);
        worker.registerActivitiesImplementations(activity);
        factory.start();
        LOG.info("Reconciliation worker polling task queue {}", properties.taskQueue());
    }

    public boolean running() {
        return factory != null;
    }

    @EventListener
    synchronized void onShutdown(ShutdownEvent event) {
        if (factory != null) {
            factory.shutdown();
            factory.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
