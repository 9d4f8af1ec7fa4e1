package io.memberflow.catchup;

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
 * With STRIPE_API_KEY set, polls the catch-up task queue ({@code memberflow.catch-up.task-queue}) for
 * {@link CatchUpWorkflow} and its activity. It runs with the workers (roles {@code all} and {@code worker}), next to
 * the schedule that starts it; the activity records what it finds through {@link io.memberflow.intake.EventIntake}
 * (which has no HTTP endpoint in the worker role). A worker of its own, so the customer worker is untouched. At most
 * one catch-up runs at a time per process.
 */
@Singleton
@Requires(property = "memberflow.role", notEquals = "web")
public class CatchUpWorker implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpWorker.class);

    private final WorkflowClient client;
    private final StripeCatchUp activity;
    private final CatchUpProperties properties;
    private final JobWorker worker = new JobWorker();

    public CatchUpWorker(WorkflowClient client, StripeCatchUp activity, CatchUpProperties properties) {
        this.client = client;
        this.activity = activity;
        this.properties = properties;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (!activity.enabled()) {
            LOG.info("STRIPE_API_KEY is not set: no catch-up of missed Stripe webhooks");
            return;
        }
        worker.start(client, properties.taskQueue(), CatchUpWorkflowImpl.class, activity, "Stripe catch-up");
    }

    public boolean running() {
        return worker.running();
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        worker.stop();
    }
}
