package io.memberflow.integrations.kit;

import static io.memberflow.integrations.VendorTestSupport.failure;
import static io.memberflow.integrations.VendorTestSupport.httpClient;
import static io.memberflow.integrations.VendorTestSupport.json;
import static io.memberflow.integrations.VendorTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.memberflow.integrations.VendorCallException;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KitTagSubscribersTest {

    private static final String API_KEY = "kit_v4_secret_key_456";

    private MockWebServer server;
    private KitClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new KitClient(server.url("/v4").toString(), API_KEY, httpClient(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void the_first_page_asks_for_every_state_without_a_cursor_and_returns_the_end_cursor() throws Exception {
        server.enqueue(json(200, page(true, "WzJd", subscriber(1, "jane@example.com", "active"),
                subscriber(2, "joe@example.com", "cancelled"))));

        TaggedSubscriberPage page = client.tagSubscribers(55, null, 2);

        assertThat(page.subscribers()).containsExactly(new TaggedSubscriber(1, "jane@example.com", "active"),
                new TaggedSubscriber(2, "joe@example.com", "cancelled"));
        assertThat(page.nextCursor()).isEqualTo("WzJd");
        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/v4/tags/55/subscribers");
        assertThat(request.getRequestUrl().queryParameter("per_page")).isEqualTo("2");
        assertThat(request.getRequestUrl().queryParameter("status")).isEqualTo("all");
        assertThat(request.getRequestUrl().queryParameterNames()).doesNotContain("after");
        assertThat(request.getHeader("X-Kit-Api-Key")).isEqualTo(API_KEY);
    }

    @Test
    void the_next_page_sends_the_cursor_and_the_last_page_has_no_next_cursor() throws Exception {
        server.enqueue(json(200, page(false, "WzNd", subscriber(3, "amy@example.com", "active"))));

        TaggedSubscriberPage page = client.tagSubscribers(55, "WzJd", 2);

        assertThat(page.nextCursor()).isNull();
        assertThat(page.subscribers()).extracting(TaggedSubscriber::id).containsExactly(3L);
        assertThat(take(server).getRequestUrl().queryParameter("after")).isEqualTo("WzJd");
    }

    @Test
    void per_page_is_clamped_to_kits_range() throws Exception {
        server.enqueue(json(200, page(false, null)));
        server.enqueue(json(200, page(false, null)));

        client.tagSubscribers(55, null, 5000);
        client.tagSubscribers(55, null, -1);

        assertThat(take(server).getRequestUrl().queryParameter("per_page")).isEqualTo("1000");
        assertThat(take(server).getRequestUrl().queryParameter("per_page")).isEqualTo("1");
    }

    @Test
    void a_subscriber_without_an_address_or_state_keeps_nulls() {
        server.enqueue(json(200, page(false, null, "{\"id\":7,\"first_name\":null}",
                "{\"id\":8,\"email_address\":null,\"state\":\"bounced\"}")));

        assertThat(client.tagSubscribers(55, null, 100).subscribers())
                .containsExactly(new TaggedSubscriber(7, null, null), new TaggedSubscriber(8, null, "bounced"));
    }

    @Test
    void a_next_page_without_a_new_cursor_is_a_final_failure_rather_than_a_loop() {
        server.enqueue(json(200, page(true, null, subscriber(1, "jane@example.com", "active"))));
        server.enqueue(json(200, page(true, "WzJd", subscriber(2, "joe@example.com", "active"))));

        assertThat(failure(() -> client.tagSubscribers(55, null, 1)).isRetryable()).isFalse();
        VendorCallException e = failure(() -> client.tagSubscribers(55, "WzJd", 1));
        assertThat(e.getMessage()).contains("end_cursor").doesNotContain("joe@example.com");
    }

    @Test
    void a_plain_text_429_is_retryable_after_60_seconds_and_not_retried_in_the_call() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Content-Type", "text/plain").setBody("Retry later"));

        VendorCallException e = failure(() -> client.tagSubscribers(55, null, 1000));

        assertThat(e.getHttpStatus()).isEqualTo(429);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(e.getMessage()).contains("Retry later");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void an_unknown_tag_is_a_final_404_and_a_missing_list_is_an_unexpected_answer() {
        server.enqueue(json(404, "{\"errors\":[\"Not Found\"]}"));
        server.enqueue(json(200, "{\"pagination\":{\"has_next_page\":false}}"));

        VendorCallException notFound = failure(() -> client.tagSubscribers(55, null, 1000));
        assertThat(notFound.getHttpStatus()).isEqualTo(404);
        assertThat(notFound.isRetryable()).isFalse();
        assertThat(notFound.getMessage()).contains("list subscribers of tag 55");
        assertThat(failure(() -> client.tagSubscribers(55, null, 1000)).getMessage()).contains("subscribers list");
    }

    @Test
    void a_500_is_retried_within_the_call() {
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(json(200, page(false, null, subscriber(1, "jane@example.com", "active"))));

        assertThat(client.tagSubscribers(55, null, 10).subscribers()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a_full_page_of_1000_subscribers_is_read_whole() {
        String subscribers = IntStream.rangeClosed(1, 1000)
                .mapToObj(i -> subscriber(i, "subscriber" + i + "@example.com", "active"))
                .collect(Collectors.joining(","));
        server.enqueue(json(200, page(true, "end", subscribers)));

        TaggedSubscriberPage page = client.tagSubscribers(55, null, 1000);

        assertThat(page.subscribers()).hasSize(1000);
        assertThat(page.subscribers().get(999).email()).isEqualTo("subscriber1000@example.com");
        assertThat(page.toString()).doesNotContain("@example.com");
    }

    private static String subscriber(long id, String email, String state) {
        return "{\"id\":" + id + ",\"first_name\":\"Sam Example\",\"email_address\":\"" + email + "\",\"state\":\"" + state
                + "\",\"created_at\":\"2026-01-02T10:00:00Z\",\"tagged_at\":\"2026-01-03T10:00:00Z\"}";
    }

    private static String page(boolean hasNext, String endCursor, String... subscribers) {
        String cursor = endCursor == null ? "null" : "\"" + endCursor + "\"";
        return "{\"subscribers\":[" + String.join(",", subscribers) + "],\"pagination\":{\"has_previous_page\":false,"
                + "\"has_next_page\":" + hasNext + ",\"start_cursor\":null,\"end_cursor\":" + cursor + ",\"per_page\":1000}}";
    }
}
