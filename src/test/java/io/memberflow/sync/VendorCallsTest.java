package io.memberflow.sync;

import io.memberflow.activities.VendorFailures;
import io.memberflow.integrations.VendorCallException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

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
}
