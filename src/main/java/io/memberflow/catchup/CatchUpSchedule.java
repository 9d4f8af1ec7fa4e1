package io.memberflow.catchup;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.memberflow.config.StripeProperties;
import io.memberflow.config.TemporalProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * With STRIPE_API_KEY set, the worker role creates (or, when it exists, updates in place) the Temporal Schedule
 * {@value CatchUpWorkflow#SCHEDULE_ID}: a {@link CatchUpWorkflow} every {@code memberflow.catch-up.interval}, a
 * run skipped while the previous one is still going, missed runs caught up within one interval. An update keeps
 * the schedule's state, so a schedule an operator paused stays paused. A server without schedules (the embedded
 * test server) is logged: catch-up then runs on demand only.
 */
@Singleton
@Requires(property = "memberflow.role", notEquals = "web")
public class CatchUpSchedule implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpSchedule.class);

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
        try {
            ensure(ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder()
                    .setNamespace(temporal.namespace()).build()));
        } catch (RuntimeException e) {
            StatusRuntimeException status = grpcStatus(e);
            if (status != null && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                LOG.warn("This Temporal server has no schedules (the embedded test server): the Stripe catch-up runs only "
                        + "on demand (POST /admin/catch-up, or the catch-up command)");
            } else {
                LOG.error("Could not create or update the Temporal Schedule {}: {}", CatchUpWorkflow.SCHEDULE_ID,
                        status != null ? status.getStatus() : e.getClass().getSimpleName());
            }
        }
    }

    private static StatusRuntimeException grpcStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                return s;
            }
        }
        return null;
    }

    /** Creates the schedule, or updates it to the wanted spec and action; returns true when it was created. */
    public boolean ensure(ScheduleClient client) {
        Schedule wanted = schedule();
        try {
            client.createSchedule(CatchUpWorkflow.SCHEDULE_ID, wanted, ScheduleOptions.newBuilder().build());
            LOG.info("Created the Temporal Schedule {}: a Stripe catch-up every {}", CatchUpWorkflow.SCHEDULE_ID,
                    properties.interval());
            return true;
        } catch (ScheduleAlreadyRunningException e) {
            client.getHandle(CatchUpWorkflow.SCHEDULE_ID).update(input -> new ScheduleUpdate(
                    Schedule.newBuilder(wanted).setState(input.getDescription().getSchedule().getState()).build()));
            LOG.info("Updated the Temporal Schedule {}: a Stripe catch-up every {}", CatchUpWorkflow.SCHEDULE_ID,
                    properties.interval());
            return false;
        }
    }

    /** What the schedule should be. */
    public Schedule schedule() {
        Duration every = properties.interval();
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(CatchUpWorkflow.class)
                        .setArguments(CatchUpRequest.scheduled())
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(CatchUpWorkflow.SCHEDULE_ID)
                                .setTaskQueue(properties.taskQueue())
                                .setWorkflowExecutionTimeout(every.multipliedBy(4).plusHours(1))
                                .build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(every))).build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .setCatchupWindow(every.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : every)
                        .build())
                .build();
    }
}
