package io.memberflow.catchup;

import io.memberflow.config.WorkerRole;
import io.memberflow.config.StripeProperties;
import io.memberflow.config.TemporalProperties;
import io.memberflow.schedule.ScheduleUpsert;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * With STRIPE_API_KEY set, the worker role creates (or, when it exists, updates in place) the Temporal Schedule
 * {@value CatchUpWorkflow#SCHEDULE_ID}: a {@link CatchUpWorkflow} every {@code memberflow.catch-up.interval}, a
 * run skipped while the previous one is still going, missed runs caught up within one interval. An update keeps
 * the schedule's state, so a schedule an operator paused stays paused. A server without schedules (the embedded
 * test server) is logged: catch-up then runs on demand only.
 */
@Singleton
@WorkerRole
public class CatchUpSchedule implements ApplicationEventListener<StartupEvent> {
    private final WorkflowServiceStubs stubs;
    private final TemporalProperties temporal;
    private final StripeProperties stripe;
    private final CatchUpProperties properties;

    public CatchUpSchedule(WorkflowServiceStubs stubs, TemporalProperties temporal, StripeProperties stripe,
                           CatchUpProperties properties) {
        this.stubs = stubs;
        this.temporal = temporal;
        this.stripe = stripe;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!stripe.hasApiKey()) {
            return;
        }
        ScheduleUpsert.ensureAtStartup(stubs, temporal.namespace(), CatchUpWorkflow.SCHEDULE_ID, schedule(),
                what(), "the Stripe catch-up runs only on demand (POST /admin/catch-up, or the catch-up command)");
    }

    /** Creates the schedule, or updates it to the wanted spec and action; returns true when it was created. */
    public boolean ensure(ScheduleClient client) {
        return ScheduleUpsert.ensure(client, CatchUpWorkflow.SCHEDULE_ID, schedule(), what());
    }

    private String what() {
        return "a Stripe catch-up every " + properties.interval();
    }

    /** What the schedule should be. */
    public Schedule schedule() {
        Duration every = properties.interval();
        return ScheduleUpsert.every(CatchUpWorkflow.SCHEDULE_ID, every, CatchUpWorkflow.class, CatchUpRequest.scheduled(),
                properties.taskQueue(), every.multipliedBy(4).plusHours(1));
    }
}
