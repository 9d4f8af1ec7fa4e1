package io.memberflow.temporal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The customers' worker's tuner: ramped workflow tasks and local activities, fixed activities. */
class RampedTunerTest {

    @Test
    void givenTheRampsClock_thenBothRampedKindsOpenOnScheduleAndActivitiesKeepTheirSize() {
        AtomicLong now = new AtomicLong(1_000);
        RampedTuner tuner = new RampedTuner(new StartUpRamp(Duration.ofSeconds(20), 4), 50, 100, now::get);

        assertThat(tuner.openWorkflowTasks()).isEqualTo(4);
        assertThat(tuner.openLocalActivities()).isEqualTo(4);
        assertThat(tuner.getActivityTaskSlotSupplier().getMaximumSlots()).contains(100);

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(tuner.tick()).isFalse();
        assertThat(tuner.openWorkflowTasks()).isEqualTo(14);     // 4 · 12.5^½
        assertThat(tuner.openLocalActivities()).isEqualTo(28);   // 4 · 50^½

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(tuner.tick()).isTrue();
        assertThat(tuner.openWorkflowTasks()).isEqualTo(50);
        assertThat(tuner.openLocalActivities()).isEqualTo(StartUpRamp.LOCAL_ACTIVITY_SLOTS);
    }
}
