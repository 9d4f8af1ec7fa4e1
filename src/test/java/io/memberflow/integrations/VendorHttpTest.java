package io.memberflow.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VendorHttpTest {

    private static final String DEFAULT = "https://api.kit.com/v4";

    @Test
    void a_base_url_gets_exactly_one_trailing_slash() {
        assertThat(VendorHttp.normaliseBaseUrl("https://api.kit.com/v4", DEFAULT)).isEqualTo("https://api.kit.com/v4/");
        assertThat(VendorHttp.normaliseBaseUrl(" https://api.kit.com/v4// ", DEFAULT)).isEqualTo("https://api.kit.com/v4/");
    }

    @Test
    void a_missing_base_url_falls_back_to_the_default() {
        assertThat(VendorHttp.normaliseBaseUrl(null, DEFAULT)).isEqualTo("https://api.kit.com/v4/");
        assertThat(VendorHttp.normaliseBaseUrl("  ", DEFAULT)).isEqualTo("https://api.kit.com/v4/");
    }

    @Test
    void a_base_url_that_is_not_http_is_rejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> VendorHttp.normaliseBaseUrl("api.kit.com", DEFAULT));
    }

    @Test
    void circle_error_text_joins_message_and_error_details() {
        VendorResponse answer = new VendorResponse(422,
                "{\"success\":false,\"message\":\"Validation failed\",\"error_details\":{\"email\":[\"is invalid\"]}}", null);

        assertThat(answer.vendorMessage()).isEqualTo("Validation failed; {\"email\":[\"is invalid\"]}");
    }

    @Test
    void kit_error_text_joins_the_errors_list() {
        VendorResponse answer = new VendorResponse(422, "{\"errors\":[\"First problem\",\"Second problem\"]}", null);

        assertThat(answer.vendorMessage()).isEqualTo("First problem; Second problem");
    }

    @Test
    void a_plain_text_body_is_the_error_text_and_an_html_page_is_summarised() {
        assertThat(new VendorResponse(429, "Retry later\n", null).vendorMessage()).isEqualTo("Retry later");
        assertThat(new VendorResponse(502, "<html><body>Bad gateway</body></html>", null).vendorMessage())
                .contains("HTML page");
        assertThat(new VendorResponse(500, "", null).vendorMessage()).isNull();
    }

    @Test
    void already_there_answers_are_recognised_case_insensitively() {
        VendorResponse answer = new VendorResponse(422, "{\"message\":\"Member is ALREADY in this access group\"}", null);

        assertThat(answer.vendorSays("already")).isTrue();
        assertThat(answer.vendorSays("taken")).isFalse();
    }

    @Test
    void a_secret_echoed_by_the_vendor_is_scrubbed_from_the_failure() {
        VendorHttp http = new VendorHttp("kit", "Kit", "sk_live_abc", "KIT_API_KEY", "refused", null, java.time.Clock.systemUTC());

        VendorCallException e = http.failure("tag 1", new VendorResponse(401, "{\"errors\":[\"key sk_live_abc invalid\"]}", null));

        assertThat(e.getMessage()).doesNotContain("sk_live_abc").contains("<secret>", "check KIT_API_KEY");
    }
}
