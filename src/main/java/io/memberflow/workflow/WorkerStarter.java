package io.memberflow.workflow;

import io.memberflow.config.TemporalProperties;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the customer workflow on the task queue and starts polling once the application is up. */
@Singleton
public class WorkerStarter implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerStarter.class);

    private final WorkerFactory factory;
    private final TemporalProperties properties;
    private final WorkflowSettings settings;

    public WorkerStarter(WorkerFactory factory, TemporalProperties properties) {
        this.factory = factory;
        this.properties = properties;
        this.settings = WorkflowSettings.defaults();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Worker worker = factory.newWorker(properties.taskQueueOrDefault());
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class, () -> new CustomerWorkflowImpl(settings));
        factory.start();
        LOG.info("Temporal worker polling task queue {}", properties.taskQueueOrDefault());
    }
}
