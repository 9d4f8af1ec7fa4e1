package io.memberflow.admin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuthThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private final AuthThrottle throttle = new AuthThrottle();

    private void fail(int times, Instant at) {
        for (int i = 0; i < times; i++) {
            throttle.failure("10.0.0.1", at);
        }
    }

    @Test
    void givenFourWrongTokens_thenTheAddressIsNotYetRefused() {
        fail(4, T0);
        assertThat(throttle.retryAfter("10.0.0.1", T0)).isEmpty();
    }

    @Test
    void givenFiveWrongTokens_thenTheAddressWaits30SecondsAndTheDelayDoublesWithEachFurtherFailure() {
        fail(5, T0);
        assertThat(throttle.retryAfter("10.0.0.1", T0)).contains(Duration.ofSeconds(30));
        assertThat(throttle.retryAfter("10.0.0.2", T0)).as("other addresses are not affected").isEmpty();
        assertThat(throttle.retryAfter("10.0.0.1", T0.plusSeconds(30))).isEmpty();
        fail(1, T0.plusSeconds(30));
        assertThat(throttle.retryAfter("10.0.0.1", T0.plusSeconds(30))).contains(Duration.ofSeconds(60));
        assertThat(AuthThrottle.delay(40)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void givenASuccessOrAQuietWindow_thenTheAddressIsForgotten() {
        fail(5, T0);
        throttle.success("10.0.0.1");
        assertThat(throttle.retryAfter("10.0.0.1", T0)).isEmpty();
        fail(4, T0);
        fail(1, T0.plus(AuthThrottle.WINDOW).plusSeconds(1));
        assertThat(throttle.retryAfter("10.0.0.1", T0.plus(AuthThrottle.WINDOW).plusSeconds(1))).isEmpty();
    }
}
