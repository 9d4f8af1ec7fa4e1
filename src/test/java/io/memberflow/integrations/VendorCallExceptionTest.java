package io.memberflow.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VendorCallExceptionTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 408, 429, 500, 502, 503, 504})
    void server_errors_timeouts_and_rate_limits_are_retryable(int status) {
        assertThat(VendorCallException.isRetryableStatus(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 409, 422})
    void client_errors_and_redirects_are_final(int status) {
        assertThat(VendorCallException.isRetryableStatus(status)).isFalse();
    }

    @Test
    void the_message_names_vendor_call_status_vendor_text_action_and_retry_delay() {
        VendorCallException e = new VendorCallException("kit", "tag 55", 429, true, Duration.ofSeconds(60),
                "Retry later", "rate limited, will retry", null);

        assertThat(e.getMessage()).isEqualTo(
                "kit tag 55 failed: HTTP 429, kit says \"Retry later\"; rate limited, will retry (retryable after 60 s)");
    }

    @Test
    void a_final_failure_without_an_answer_says_so() {
        VendorCallException e = new VendorCallException("circle", "find member", 0, false, null, null, null, null);

        assertThat(e.getMessage()).isEqualTo("circle find member failed: no HTTP answer (I/O error or timeout) (final, not retried)");
    }

    @Test
    void e_mail_addresses_are_redacted_everywhere_in_the_message_including_url_encoded_ones() {
        VendorCallException e = new VendorCallException("circle", "grant access group 1 for a.b@example.org", 422,
                false, null, "member jane.doe+x@mail.example.co.uk not found", "see ?email=jane%40example.com", null);

        assertThat(e.getMessage()).doesNotContain("example").contains("<email> not found", "for <email>", "email=<email>");
    }

    @Test
    void a_long_vendor_text_is_cut_to_200_characters() {
        VendorCallException e = new VendorCallException("kit", "tag 1", 500, true, null, "x".repeat(500), null, null);

        assertThat(e.getVendorMessage()).hasSize(200).endsWith("...");
    }
}
