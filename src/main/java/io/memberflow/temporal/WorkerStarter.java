package io.memberflow.temporal;

import io.memberflow.workflow.ActivityPolicies;
import io.memberflow.workflow.CustomerWorkflow;
import io.memberflow.workflow.CustomerWorkflowImpl;
import io.micronaut.context.annotation.Requires;
import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.RecordKeepingActivities;
import io.memberflow.activities.SupportActivities;
import io.memberflow.config.EngineConfiguration;
import io.memberflow.config.TemporalProperties;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import java.util.concurrent.TimeUnit;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the customer workflow and its activities on the task queue and starts polling at start-up. */
@Singleton
@Requires(property = "memberflow.role", notEquals = "web")
public class WorkerStarter implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerStarter.class);

    private final WorkerFactory factory;
    private final TemporalProperties properties;
    private final EngineConfiguration engine;
    private final ActivityPolicies policies;
    private final CommunityAccessActivities access;
    private final MarketingActivities marketing;
    private final SupportActivities support;
    private final RecordKeepingActivities records;
    private final BillingActivities billing;
    private final SearchAttributeRegistrar searchAttributes;
    private final WorkerSizing sizing;

    public WorkerStarter(WorkerFactory factory, TemporalProperties properties, EngineConfiguration engine,
                         ActivityPolicies policies, CommunityAccessActivities access, MarketingActivities marketing,
                         SupportActivities support, RecordKeepingActivities records, BillingActivities billing,
                         SearchAttributeRegistrar searchAttributes, WorkerSizing sizing) {
        this.factory = factory;
        this.properties = properties;
        this.engine = engine;
        this.policies = policies;
        this.access = access;
        this.marketing = marketing;
        this.support = support;
        this.records = records;
        this.billing = billing;
        this.searchAttributes = searchAttributes;
        this.sizing = sizing;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        searchAttributes.register();
        Worker worker = factory.newWorker(properties.taskQueue(), sizing.workerOptions());
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(engine::settings, policies));
        worker.registerActivitiesImplementations(access, marketing, support, records, billing);
        factory.start();
        LOG.info("Temporal worker polling task queue {} ({})", properties.taskQueue(), sizing);
    }

    /**
     * Stops polling and lets running activities finish (up to 10 s) before the database pool and the Temporal
     * connection close; what does not finish is retried by Temporal on another worker.
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        factory.shutdown();
        try {
            factory.awaitTermination(10, TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            LOG.debug("Worker factory was not started");
        }
        LOG.info("Temporal worker stopped");
    }
}
