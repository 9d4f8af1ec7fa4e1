package io.memberflow.temporal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How many slots are open how long after a start: geometric growth from the start-up slots to the maximum. */
class StartUpRampTest {

    private final StartUpRamp ramp = new StartUpRamp(Duration.ofSeconds(20), 4);

    @Test
    void givenATwentySecondRampFromFourToSixtyFour_thenItDoublesEveryFiveSeconds() {
        assertThat(ramp.openAt(64, Duration.ZERO)).isEqualTo(4);
        assertThat(ramp.openAt(64, Duration.ofSeconds(5))).isEqualTo(8);
        assertThat(ramp.openAt(64, Duration.ofSeconds(10))).isEqualTo(16);
        assertThat(ramp.openAt(64, Duration.ofSeconds(15))).isEqualTo(32);
        assertThat(ramp.openAt(64, Duration.ofSeconds(20))).isEqualTo(64);
        assertThat(ramp.openAt(64, Duration.ofMinutes(5))).isEqualTo(64);
    }

    @Test
    void givenAnyMoment_thenTheOpenSlotsNeverShrinkAndStayWithinTheirBounds() {
        int before = 0;
        for (int ms = 0; ms <= 21_000; ms += 100) {
            int open = ramp.openAt(200, Duration.ofMillis(ms));
            assertThat(open).isBetween(4, 200).isGreaterThanOrEqualTo(before);
            before = open;
        }
        assertThat(before).isEqualTo(200);
    }

    @Test
    void givenAMaximumBelowTheStartUpSlots_thenThatMaximumIsOpenFromTheStart() {
        assertThat(ramp.openAt(2, Duration.ZERO)).isEqualTo(2);
        assertThat(ramp.openAt(2, Duration.ofSeconds(10))).isEqualTo(2);
    }

    @Test
    void givenAZeroRamp_thenEverythingIsOpenAtOnce() {
        StartUpRamp off = new StartUpRamp(Duration.ZERO, 4);
        assertThat(off.off()).isTrue();
        assertThat(off.openAt(50, Duration.ZERO)).isEqualTo(50);
    }

    @Test
    void givenANegativeRamp_thenItIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new StartUpRamp(Duration.ofSeconds(-1), 4))
                .hasMessageContaining("memberflow.worker.start-up.ramp must not be negative");
    }
}
