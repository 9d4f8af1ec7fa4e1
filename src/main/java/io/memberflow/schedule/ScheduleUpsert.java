package io.memberflow.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Creates a Temporal Schedule that starts one workflow every {@code every}, or, when it exists, updates it in place
 * keeping its state (a schedule an operator paused stays paused). A run is skipped while the previous one is still
 * going; missed runs are caught up within one interval. A server without schedules (the embedded test server) is
 * logged, not thrown: the job then runs on demand only.
 */
public final class ScheduleUpsert {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleUpsert.class);

    private ScheduleUpsert() {
    }

    /** What a schedule of {@code workflowType} every {@code every} is; its runs' ids start with {@code scheduleId}. */
    public static Schedule every(String scheduleId, Duration every, Class<?> workflowType, Object argument,
                                 String taskQueue, Duration runTimeout) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(workflowType)
                        .setArguments(argument)
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(scheduleId)
                                .setTaskQueue(taskQueue)
                                .setWorkflowExecutionTimeout(runTimeout)
                                .build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(every))).build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .setCatchupWindow(every.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : every)
                        .build())
                .build();
    }

    /** Creates or updates {@code scheduleId}; returns true when it was created. */
    public static boolean ensure(ScheduleClient client, String scheduleId, Schedule wanted, String what) {
        try {
            client.createSchedule(scheduleId, wanted, ScheduleOptions.newBuilder().build());
            LOG.info("Created the Temporal Schedule {}: {}", scheduleId, what);
            return true;
        } catch (ScheduleAlreadyRunningException e) {
            client.getHandle(scheduleId).update(input -> new ScheduleUpdate(
                    Schedule.newBuilder(wanted).setState(input.getDescription().getSchedule().getState()).build()));
            LOG.info("Updated the Temporal Schedule {}: {}", scheduleId, what);
            return false;
        }
    }

    /** {@link #ensure} through a new client of {@code namespace}, logging instead of throwing at start-up. */
    public static void ensureAtStartup(WorkflowServiceStubs stubs, String namespace, String scheduleId, Schedule wanted,
                                       String what, String onDemand) {
        try {
            ensure(ScheduleClient.newInstance(stubs, ScheduleClientOptions.newBuilder().setNamespace(namespace).build()),
                    scheduleId, wanted, what);
        } catch (RuntimeException e) {
            StatusRuntimeException status = grpcStatus(e);
            if (status != null && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                LOG.warn("This Temporal server has no schedules (the embedded test server): {}", onDemand);
            } else {
                LOG.error("Could not create or update the Temporal Schedule {}: {}", scheduleId,
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
}
