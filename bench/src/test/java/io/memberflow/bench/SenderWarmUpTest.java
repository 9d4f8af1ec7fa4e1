package io.memberflow.bench;

import io.memberflow.standin.StripeStandIn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender's warm-up goes to a sink of its own: every event of its five seconds is answered, memberflow not needed. */
class SenderWarmUpTest {

    @Test
    void givenThirtyEventsASecond_thenFiveSecondsOfSignupsAreAllAnswered() throws Exception {
        try (StripeStandIn stripe = new StripeStandIn("sk_test_warm", Duration.ZERO, 0)) {
            int answered = SenderWarmUp.run(30, 4, "whsec_warm", stripe, Instant.now().getEpochSecond());

            assertThat(answered).isEqualTo(150); // 50 journeys of 3 events
        }
    }
}
