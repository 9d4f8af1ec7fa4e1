package io.memberflow.reconcile;

import io.memberflow.config.IntegrationProperties;
import io.memberflow.config.TemporalProperties;
import io.memberflow.config.WorkerRole;
import io.memberflow.schedule.ScheduleUpsert;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * With Circle or Kit credentials set, the worker role creates (or updates in place) the Temporal Schedule
 * {@value ReconcileWorkflow#SCHEDULE_ID}: a {@link ReconcileWorkflow} every {@code memberflow.reconcile.interval}
 * (6 h by default) in {@code memberflow.reconcile.mode}. In shadow mode there is nothing to compare, so no schedule.
 */
@Singleton
@WorkerRole
public class ReconcileSchedule implements ApplicationEventListener<StartupEvent> {
    private final WorkflowServiceStubs stubs;
    private final TemporalProperties temporal;
    private final boolean vendorsOn;
    private final ReconcileProperties properties;

    public ReconcileSchedule(WorkflowServiceStubs stubs, TemporalProperties temporal, IntegrationProperties.Circle circle,
                             IntegrationProperties.Kit kit, ReconcileProperties properties) {
        this.stubs = stubs;
        this.temporal = temporal;
        this.vendorsOn = circle.enabled() || kit.enabled();
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (vendorsOn) {
            ScheduleUpsert.ensureAtStartup(stubs, temporal.namespace(), ReconcileWorkflow.SCHEDULE_ID, schedule(),
                    what(), "reconciliation runs only on demand (POST /admin/reconcile/runs, or reconcile --run)");
        }
    }

    /** Creates the schedule, or updates it to the wanted spec and action; returns true when it was created. */
    public boolean ensure(ScheduleClient client) {
        return ScheduleUpsert.ensure(client, ReconcileWorkflow.SCHEDULE_ID, schedule(), what());
    }

    private String what() {
        return "a reconciliation (" + properties.mode() + ") every " + properties.interval();
    }

    public Schedule schedule() {
        Duration every = properties.interval();
        return ScheduleUpsert.every(ReconcileWorkflow.SCHEDULE_ID, every, ReconcileWorkflow.class,
                ReconcileRequest.scheduled(), properties.taskQueue(), every.multipliedBy(2).plusHours(12));
    }
}
