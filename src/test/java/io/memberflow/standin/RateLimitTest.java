package io.memberflow.standin;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitTest {

    @Test
    void theWindowRollsRatherThanRestartingAtFixedBoundaries() {
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(1));

        assertThat(limit.tryAcquire(0)).isTrue();
        assertThat(limit.tryAcquire(400)).isTrue();
        assertThat(limit.tryAcquire(900)).isTrue();
        assertThat(limit.tryAcquire(950)).isFalse();
        assertThat(limit.tryAcquire(1000)).as("the request at 0 has left the window").isTrue();
        assertThat(limit.tryAcquire(1100)).as("a fixed window would allow this; 400, 900 and 1000 are within 1 s").isFalse();
        assertThat(limit.tryAcquire(1400)).isTrue();
    }

    @Test
    void refusedRequestsDoNotUseUpTheAllowance() {
        RateLimit limit = new RateLimit(1, Duration.ofMillis(100));

        assertThat(limit.tryAcquire(0)).isTrue();
        for (int t = 10; t < 100; t += 10) {
            assertThat(limit.tryAcquire(t)).isFalse();
        }
        assertThat(limit.tryAcquire(100)).isTrue();
    }

    @Test
    void aLimitNeedsPositiveNumbers() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
