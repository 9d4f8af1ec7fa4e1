package io.memberflow.temporal;

import io.memberflow.activities.AccessAndTagsActivities;
import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.RecordKeepingActivities;
import io.memberflow.activities.SupportActivities;
import io.memberflow.config.EngineConfiguration;
import io.memberflow.config.TemporalProperties;
import io.memberflow.config.WorkerRole;
import io.memberflow.workflow.ActivityPolicies;
import io.memberflow.workflow.CustomerWorkflow;
import io.memberflow.workflow.CustomerWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import jakarta.inject.Singleton;

/**
 * The customers' task queue ({@code memberflow.temporal.task-queue}): {@link CustomerWorkflow} and its activities
 * (the real vendor beans or their shadow twins, whichever the credentials chose), sized by {@link WorkerSizing} and
 * opened gradually after a start ({@link StartUpRamp}).
 * Registering it also makes sure the search attributes the workflow sets exist.
 */
@Singleton
@WorkerRole
public class CustomerWorker implements TaskQueueWorker {
    private final TemporalProperties properties;
    private final EngineConfiguration engine;
    private final ActivityPolicies policies;
    private final SearchAttributeRegistrar searchAttributes;
    private final StartUpRamp startUp;
    private final Object[] activities;

    public CustomerWorker(TemporalProperties properties, EngineConfiguration engine, ActivityPolicies policies,
                          CommunityAccessActivities access, MarketingActivities marketing, SupportActivities support,
                          RecordKeepingActivities records, BillingActivities billing,
                          AccessAndTagsActivities accessAndTags, SearchAttributeRegistrar searchAttributes,
                          StartUpRamp startUp) {
        this.properties = properties;
        this.engine = engine;
        this.policies = policies;
        this.searchAttributes = searchAttributes;
        this.startUp = startUp;
        this.activities = new Object[] {access, marketing, support, records, billing, accessAndTags};
    }

    @Override
    public String taskQueue() {
        return properties.taskQueue();
    }

    @Override
    public String description() {
        return "customer";
    }

    @Override
    public WorkerOptions options(WorkerSizing sizing) {
        return sizing.workerOptions(startUp);
    }

    @Override
    public void register(Worker worker) {
        searchAttributes.register();
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(engine::settings, policies));
        worker.registerActivitiesImplementations(activities);
    }
}
