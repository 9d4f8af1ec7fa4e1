package io.memberflow.reconcile;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.memberflow.schedule.JobWorker;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * With Circle or Kit credentials set, polls {@code memberflow.reconcile.task-queue} for {@link ReconcileWorkflow}
 * and its activity: a worker of its own, one run at a time per process, so the customer worker is untouched. It runs
 * with the workers (roles {@code all} and {@code worker}), next to the schedule that starts it.
 */
@Singleton
@Requires(property = "memberflow.role", notEquals = "web")
public class ReconcileWorker implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileWorker.class);

    private final WorkflowClient client;
    private final ReconcileRunner activity;
    private final ReconcileProperties properties;
    private final JobWorker worker = new JobWorker();

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
        worker.start(client, properties.taskQueue(), ReconcileWorkflowImpl.class, activity, "Reconciliation");
    }

    public boolean running() {
        return worker.running();
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        worker.stop();
    }
}
