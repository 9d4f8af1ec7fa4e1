package io.memberflow.sync;

import io.memberflow.activities.VendorFailures;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.observability.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VendorCallsTest {

    @Test
    void givenARateLimitWithAWait_thenTheFailureIsRetryableAfterThatWait() {
        var e = new VendorCallException("kit", "add tag 9001", 429, true, Duration.ofSeconds(60), "Retry later", "rate limited", null);
        ApplicationFailure f = VendorCalls.toFailure(e);
        assertThat(f.isNonRetryable()).isFalse();
        assertThat(f.getType()).isEqualTo(VendorFailures.RETRYABLE);
        assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(f.getOriginalMessage()).contains("kit").contains("429");
    }

    @Test
    void givenAnUnauthorisedAnswer_thenTheFailureIsFinal() {
        var e = new VendorCallException("circle", "grant access group 101", 401, false, null, "Invalid token", "check CIRCLE_API_TOKEN", null);
        ApplicationFailure f = VendorCalls.toFailure(e);
        assertThat(f.isNonRetryable()).isTrue();
        assertThat(f.getType()).isEqualTo(VendorFailures.FINAL);
        assertThat(f.getOriginalMessage()).contains("401").contains("CIRCLE_API_TOKEN");
    }

    @Test
    void givenAServerError_thenTheFailureIsRetryableWithTheDefaultBackoff() {
        var e = new VendorCallException("circle", "revoke access group 101", 503, true, null, "unavailable", "retry", null);
        ApplicationFailure f = VendorCalls.toFailure(e);
        assertThat(f.isNonRetryable()).isFalse();
        assertThat(f.getNextRetryDelay()).isNull();
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VendorCalls circle = new VendorCalls("circle", "Circle", new Metrics(registry, null, null));

    private double counted(String outcome) {
        var counter = registry.find("memberflow.side.effects").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void givenNoEmailAddress_thenNoCallIsMadeAndTheActivityFailsForGoodAsMissingEmail() {
        List<String> made = new ArrayList<>();

        ApplicationFailure f = catchThrowableOfType(ApplicationFailure.class, () -> circle.make("grant_access", "cus_1",
                " ", made::add));

        assertThat(made).isEmpty();
        assertThat(f.getType()).isEqualTo(VendorCalls.MISSING_EMAIL);
        assertThat(f.isNonRetryable()).isTrue();
        assertThat(f.getOriginalMessage()).contains("cus_1").contains("Circle cannot be updated");
    }

    @Test
    void givenAnAddress_thenTheCallsGetItTrimmedAndTheSuccessIsCounted() {
        List<String> made = new ArrayList<>();

        circle.make("grant_access", "cus_1", " ada@example.com ", made::add);

        assertThat(made).containsExactly("ada@example.com");
        assertThat(counted("success")).isEqualTo(1);
    }

    @Test
    void givenAVendorRefusal_thenTheFailureIsFinalAndCountedAsSuch() {
        var refused = new VendorCallException("circle", "grant access group 101", 403, false, null, "Forbidden", "check", null);

        ApplicationFailure f = catchThrowableOfType(ApplicationFailure.class, () -> circle.make("grant_access", "cus_1",
                "ada@example.com", email -> {
                    throw refused;
                }));

        assertThat(f.getType()).isEqualTo(VendorFailures.FINAL);
        assertThat(counted("final_failure")).isEqualTo(1);
        assertThat(counted("success")).isZero();
    }
}
