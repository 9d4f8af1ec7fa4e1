package io.memberflow.integrations.kit;

import static io.memberflow.integrations.VendorTestSupport.failure;
import static io.memberflow.integrations.VendorTestSupport.httpClient;
import static io.memberflow.integrations.VendorTestSupport.json;
import static io.memberflow.integrations.VendorTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.VendorClientTest;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KitClientTest extends VendorClientTest<KitClient> {

    private static final String API_KEY = "kit_v4_secret_key_456";
    private static final String EMAIL = "jane@example.com";
    private static final String SUBSCRIBER = "{\"id\":123,\"first_name\":\"Jane\",\"email_address\":\"jane@example.com\","
            + "\"state\":\"active\",\"created_at\":\"2026-01-02T10:00:00Z\",\"fields\":{}}";

    @Test
    void upsert_subscriber_posts_email_and_first_name_and_returns_the_new_id() throws Exception {
        server.enqueue(json(201, "{\"subscriber\":" + SUBSCRIBER + "}"));

        assertThat(client.upsertSubscriber(EMAIL, "Jane")).isEqualTo(123L);

        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/v4/subscribers");
        assertThat(request.getHeader("X-Kit-Api-Key")).isEqualTo(API_KEY);
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(json.readTree(request.getBody().readUtf8()))
                .isEqualTo(json.readTree("{\"email_address\":\"jane@example.com\",\"first_name\":\"Jane\"}"));
    }

    @Test
    void upsert_of_an_existing_subscriber_answering_200_returns_its_id_and_omits_a_missing_first_name() throws Exception {
        server.enqueue(json(200, "{\"subscriber\":" + SUBSCRIBER + "}"));

        assertThat(client.upsertSubscriber(EMAIL, null)).isEqualTo(123L);

        assertThat(json.readTree(take(server).getBody().readUtf8()))
                .isEqualTo(json.readTree("{\"email_address\":\"jane@example.com\"}"));
    }

    @Test
    void upsert_answer_without_a_subscriber_id_is_a_final_failure() {
        server.enqueue(json(201, "{\"subscriber\":{}}"));

        VendorCallException e = failure(() -> client.upsertSubscriber(EMAIL, "Jane"));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("subscriber.id");
    }

    @Test
    void add_tag_posts_the_email_address_to_the_tag() throws Exception {
        server.enqueue(json(201, "{\"subscriber\":" + SUBSCRIBER + "}"));

        client.addTag(55, EMAIL);

        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/v4/tags/55/subscribers");
        assertThat(request.getHeader("X-Kit-Api-Key")).isEqualTo(API_KEY);
        assertThat(json.readTree(request.getBody().readUtf8()))
                .isEqualTo(json.readTree("{\"email_address\":\"jane@example.com\"}"));
    }

    @Test
    void tagging_an_already_tagged_subscriber_answering_200_is_success() {
        server.enqueue(json(200, "{\"subscriber\":" + SUBSCRIBER + "}"));

        client.addTag(55, EMAIL);

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void remove_tag_looks_up_the_subscriber_in_every_state_then_deletes_by_id() throws Exception {
        server.enqueue(json(200, "{\"subscribers\":[" + SUBSCRIBER + "],\"pagination\":{\"has_next_page\":false}}"));
        server.enqueue(new MockResponse().setResponseCode(204));

        client.removeTag(55, EMAIL);

        RecordedRequest lookup = take(server);
        assertThat(lookup.getMethod()).isEqualTo("GET");
        assertThat(lookup.getRequestUrl().encodedPath()).isEqualTo("/v4/subscribers");
        assertThat(lookup.getRequestUrl().queryParameter("email_address")).isEqualTo(EMAIL);
        assertThat(lookup.getRequestUrl().queryParameter("status")).isEqualTo("all");
        assertThat(lookup.getHeader("X-Kit-Api-Key")).isEqualTo(API_KEY);
        RecordedRequest delete = take(server);
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getPath()).isEqualTo("/v4/tags/55/subscribers/123");
        assertThat(delete.getHeader("X-Kit-Api-Key")).isEqualTo(API_KEY);
    }

    @Test
    void removing_a_tag_from_an_unknown_address_is_success_without_a_delete() {
        server.enqueue(json(200, "{\"subscribers\":[],\"pagination\":{\"has_next_page\":false}}"));

        client.removeTag(55, EMAIL);

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_404_on_untag_counts_as_already_removed() {
        server.enqueue(json(200, "{\"subscribers\":[" + SUBSCRIBER + "]}"));
        server.enqueue(json(404, "{\"errors\":[\"Not Found\"]}"));

        client.removeTag(55, EMAIL);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void an_invalid_api_key_is_final_and_names_the_key_variable_without_revealing_the_key() {
        server.enqueue(json(401, "{\"errors\":[\"The API key " + API_KEY + " is not valid\"]}"));

        VendorCallException e = failure(() -> client.upsertSubscriber(EMAIL, "Jane"));

        assertThat(e.getVendor()).isEqualTo("kit");
        assertThat(e.getHttpStatus()).isEqualTo(401);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("KIT_API_KEY", "is not valid").doesNotContain(API_KEY);
    }

    @Test
    void tagging_with_an_unknown_tag_is_a_final_404_naming_the_tag() {
        server.enqueue(json(404, "{\"errors\":[\"Not Found\"]}"));

        VendorCallException e = failure(() -> client.addTag(55, EMAIL));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getHttpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("kit tag 55 failed: HTTP 404", "Not Found", "tag 55");
    }

    @Test
    void an_invalid_email_422_is_final() {
        server.enqueue(json(422, "{\"errors\":[\"Email address is invalid\"]}"));

        VendorCallException e = failure(() -> client.upsertSubscriber(EMAIL, "Jane"));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getHttpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("Email address is invalid", "final");
    }

    @Test
    void a_plain_text_retry_later_429_is_retryable_after_60_seconds() {
        server.enqueue(new MockResponse().setResponseCode(429)
                .setHeader("Content-Type", "text/plain").setBody("Retry later"));

        VendorCallException e = failure(() -> client.addTag(55, EMAIL));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getHttpStatus()).isEqualTo(429);
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(e.getMessage()).contains("Retry later", "rate limited, will retry");
    }

    @Test
    void a_retry_after_header_is_honoured_when_kit_sends_one() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "5").setBody("Retry later"));

        assertThat(failure(() -> client.addTag(55, EMAIL)).getRetryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void a_503_is_retryable() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(503).setBody("<html><body>Service Unavailable</body></html>"));
        }

        VendorCallException e = failure(() -> client.upsertSubscriber(EMAIL, "Jane"));

        assertThat(server.getRequestCount()).as("the call and its two step-level retries").isEqualTo(3);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getHttpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("Kit server error");
    }

    @Test
    void a_read_timeout_is_retryable_with_status_0() {
        client = clientWithReadTimeout(Duration.ofMillis(200));
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        }

        VendorCallException e = failure(() -> client.addTag(55, EMAIL));

        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).isNull();
        assertThat(e.getMessage()).doesNotContain(EMAIL).doesNotContain(API_KEY);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givenOne503ThenSuccess_thenTheStepIsRetriedInsideTheCallAndSucceeds() {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("Service Unavailable"));
        server.enqueue(json(200, "{\"subscriber\":" + SUBSCRIBER + "}"));

        client.upsertSubscriber(EMAIL, "Jane");

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void givenA429_thenItIsNotRetriedInsideTheCallButLeftToTheActivityRetry() {
        server.enqueue(new MockResponse().setResponseCode(429).setBody("Retry later"));

        VendorCallException e = failure(() -> client.addTag(55, EMAIL));

        assertThat(e.getHttpStatus()).isEqualTo(429);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_redirect_is_not_followed_so_the_key_never_leaves_kit() {
        server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "https://elsewhere.example/v4/"));

        VendorCallException e = failure(() -> client.addTag(55, EMAIL));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("unexpected redirect");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void an_email_in_a_kit_error_body_is_redacted_from_the_message() {
        server.enqueue(json(422, "{\"errors\":[\"jane@example.com is not a valid email address\"]}"));

        VendorCallException e = failure(() -> client.upsertSubscriber(EMAIL, "Jane"));

        assertThat(e.getMessage()).doesNotContain(EMAIL).contains("<email> is not a valid email address");
        assertThat(e.getVendorMessage()).doesNotContain(EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v4", "/v4/"})
    void the_base_url_works_with_or_without_a_trailing_slash(String path) throws Exception {
        KitClient configured = new KitClient(server.url(path).toString(), API_KEY,
                httpClient(Duration.ofSeconds(2)));
        server.enqueue(json(200, "{\"subscriber\":" + SUBSCRIBER + "}"));

        configured.addTag(55, EMAIL);

        assertThat(take(server).getPath()).isEqualTo("/v4/tags/55/subscribers");
    }

    @Override
    protected KitClient clientWithReadTimeout(Duration readTimeout) {
        return new KitClient(server.url("/v4").toString(), API_KEY, httpClient(readTimeout));
    }
}
