package io.memberflow.reconcile;

import io.memberflow.integrations.RatePacer;
import io.memberflow.integrations.VendorCallException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a reconciliation run's requests ride out transient answers and stop, in words, on final ones. */
class PatientCallsTest {
    final List<Duration> slept = new ArrayList<>();
    final AtomicInteger heartbeats = new AtomicInteger();
    final AtomicLong calls = new AtomicLong();
    final PatientCalls patient = new PatientCalls(Duration.ofSeconds(1), Duration.ofMinutes(30), slept::add);

    private static VendorCallException answer(int status, Duration retryAfter) {
        return new VendorCallException("circle", "list access group 101 page 1", status,
                VendorCallException.isRetryableStatus(status), retryAfter, null, "hint", null);
    }

    private <T> T call(PatientCalls.Call<T> call) {
        return patient.call("Circle", "list access group 101 page 1", new RatePacer(1000), calls, heartbeats::incrementAndGet, call);
    }

    @Test
    void givenTwo503sThenAnAnswer_thenTheRequestIsAskedAgainWithADoublingBackoffAndTheRunGoesOn() {
        AtomicInteger n = new AtomicInteger();

        String page = call(() -> {
            if (n.incrementAndGet() <= 2) {
                throw answer(503, null);
            }
            return "page";
        });

        assertThat(page).isEqualTo("page");
        assertThat(calls).hasValue(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(patient.transientFailures).hasValue(2);
    }

    @Test
    void givenA429WithoutRetryAfter_thenTheClientsReportedMinuteIsWaitedOutWithHeartbeats() {
        AtomicInteger n = new AtomicInteger();

        call(() -> {
            if (n.incrementAndGet() == 1) {
                throw answer(429, Duration.ofSeconds(60)); // the client's report when Circle or Kit send no Retry-After
            }
            return "page";
        });

        assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(60));
        assertThat(slept).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(heartbeats).hasValue(6);
        assertThat(patient.rateLimited).hasValue(1);
    }

    @Test
    void givenNoAnswerAtAll_thenItIsAskedAgainLikeA5xx() {
        AtomicInteger n = new AtomicInteger();

        call(() -> {
            if (n.incrementAndGet() == 1) {
                throw answer(0, null);
            }
            return "page";
        });

        assertThat(calls).hasValue(2);
    }

    @Test
    void givenA401_thenTheRunStopsAtOnceSayingWhy() {
        assertThatThrownBy(() -> call(() -> {
            throw new VendorCallException("circle", "list access group 101 page 1", 401, false, null,
                    "Your account could not be authenticated.", "check CIRCLE_API_TOKEN", null);
        })).isInstanceOf(PatientCalls.RunStopped.class)
                .hasMessageContaining("Circle answered for good")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("check CIRCLE_API_TOKEN");
        assertThat(calls).as("a final answer is not asked again").hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void givenARequestThatKeepsFailing_thenTheAttemptFailsAfterGiveUpAfterSayingWhat() {
        PatientCalls impatient = new PatientCalls(Duration.ofSeconds(1), Duration.ofMinutes(3), slept::add);

        assertThatThrownBy(() -> impatient.call("Kit", "list subscribers of tag 9001", new RatePacer(1000), calls, () -> { },
                () -> {
                    throw answer(503, null);
                })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kit kept failing for 3 min")
                .hasMessageContaining("list subscribers of tag 9001, last HTTP 503");
        assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofMinutes(3));
    }
}
