package io.memberflow.catchup;

import io.memberflow.support.Settings;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.client.schedules.ScheduleUpdateInput;
import io.temporal.workflow.Functions;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The schedule's creation and update. The Temporal test server has no schedules (CreateSchedule is UNIMPLEMENTED
 * there), so these check what is sent through a mocked ScheduleClient; {@code CatchUpScheduleE2E} runs it against the
 * real dev server.
 */
class CatchUpScheduleTest {

    private static CatchUpSchedule schedule(Duration interval) {
        return new CatchUpSchedule(null, Settings.temporal(null),
                Settings.stripe(null, "sk_test_x"),
                new CatchUpProperties(interval, Duration.ofMinutes(10), Duration.ofHours(24), "memberflow-catch-up",
                        Duration.ofSeconds(1), Duration.ofMinutes(2)));
    }

    @Test
    void givenNoScheduleYet_thenOneIsCreatedThatStartsTheCatchUpWorkflowEveryInterval() {
        ScheduleClient client = mock(ScheduleClient.class);
        ArgumentCaptor<Schedule> sent = ArgumentCaptor.forClass(Schedule.class);

        assertThat(schedule(Duration.ofMinutes(15)).ensure(client)).isTrue();

        verify(client).createSchedule(eq("stripe-catch-up"), sent.capture(), any());
        Schedule s = sent.getValue();
        assertThat(s.getSpec().getIntervals()).containsExactly(new ScheduleIntervalSpec(Duration.ofMinutes(15)));
        assertThat(s.getPolicy().getOverlap()).isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
        ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) s.getAction();
        assertThat(action.getWorkflowType()).isEqualTo("CatchUpWorkflow");
        assertThat(action.getOptions().getWorkflowId()).isEqualTo("stripe-catch-up");
        assertThat(action.getOptions().getTaskQueue()).isEqualTo("memberflow-catch-up");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenTheScheduleExists_thenItIsUpdatedToTheNewIntervalAndAPausedScheduleStaysPaused() {
        ScheduleClient client = mock(ScheduleClient.class);
        ScheduleHandle handle = mock(ScheduleHandle.class);
        when(client.createSchedule(eq("stripe-catch-up"), any(), any()))
                .thenThrow(new ScheduleAlreadyRunningException(null));
        when(client.getHandle("stripe-catch-up")).thenReturn(handle);
        ArgumentCaptor<Functions.Func1<ScheduleUpdateInput, ScheduleUpdate>> updater = ArgumentCaptor.forClass(Functions.Func1.class);

        assertThat(schedule(Duration.ofMinutes(5)).ensure(client)).isFalse();

        verify(handle).update(updater.capture());
        ScheduleState paused = ScheduleState.newBuilder().setPaused(true).setNote("paused by sam").build();
        Schedule existing = Schedule.newBuilder(schedule(Duration.ofMinutes(15)).schedule()).setState(paused).build();
        ScheduleDescription description = mock(ScheduleDescription.class);
        when(description.getSchedule()).thenReturn(existing);
        ScheduleUpdate update = updater.getValue().apply(new ScheduleUpdateInput(description));
        assertThat(update.getSchedule().getSpec().getIntervals()).isEqualTo(List.of(new ScheduleIntervalSpec(Duration.ofMinutes(5))));
        assertThat(update.getSchedule().getState().isPaused()).isTrue();
        verify(client, never()).listSchedules();
    }
}
