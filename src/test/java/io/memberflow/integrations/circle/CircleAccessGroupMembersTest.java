package io.memberflow.integrations.circle;

import static io.memberflow.integrations.VendorTestSupport.failure;
import static io.memberflow.integrations.VendorTestSupport.httpClient;
import static io.memberflow.integrations.VendorTestSupport.json;
import static io.memberflow.integrations.VendorTestSupport.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memberflow.integrations.VendorCallException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
class CircleAccessGroupMembersTest {

    private static final String TOKEN = "circle-secret-token-123";

    private MockWebServer server;
    private CircleClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new CircleClient(server.url("/api/admin/v2").toString(), TOKEN, httpClient(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void a_page_is_requested_with_page_per_page_and_the_bearer_token() throws Exception {
        server.enqueue(json(200, page(true, record(9001, 42), record(9002, 43))));

        AccessGroupMemberPage page = client.accessGroupMembers(101, 2, 50);

        assertThat(page.members()).containsExactly(new AccessGroupMember(42), new AccessGroupMember(43));
        assertThat(page.hasNextPage()).isTrue();
        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/admin/v2/access_groups/101/community_members");
        assertThat(request.getRequestUrl().queryParameter("page")).isEqualTo("2");
        assertThat(request.getRequestUrl().queryParameter("per_page")).isEqualTo("50");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void paging_follows_has_next_page_until_it_is_false() throws Exception {
        server.enqueue(json(200, page(true, "{\"community_member_id\":1}")));
        server.enqueue(json(200, page(false, "{\"community_member_id\":2}")));

        assertThat(client.accessGroupMembers(101, 1, 1).hasNextPage()).isTrue();
        AccessGroupMemberPage last = client.accessGroupMembers(101, 2, 1);

        assertThat(last.hasNextPage()).isFalse();
        assertThat(last.members()).extracting(AccessGroupMember::communityMemberId).containsExactly(2L);
        assertThat(take(server).getRequestUrl().queryParameter("page")).isEqualTo("1");
        assertThat(take(server).getRequestUrl().queryParameter("page")).isEqualTo("2");
    }

    @Test
    void the_member_is_community_member_id_never_the_records_own_id() {
        server.enqueue(json(200, page(false, record(9001, 42), "{\"id\":9002,\"access_group_id\":101}")));

        VendorCallException e = failure(() -> client.accessGroupMembers(101, 1, 100));

        assertThat(e.getMessage()).contains("community_member_id in every record");
    }

    @Test
    void per_page_is_clamped_to_circles_range() throws Exception {
        server.enqueue(json(200, page(false)));
        server.enqueue(json(200, page(false)));

        client.accessGroupMembers(101, 1, 500);
        client.accessGroupMembers(101, 1, 0);

        assertThat(take(server).getRequestUrl().queryParameter("per_page")).isEqualTo("100");
        assertThat(take(server).getRequestUrl().queryParameter("per_page")).isEqualTo("1");
        assertThatThrownBy(() -> client.accessGroupMembers(101, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void without_has_next_page_page_count_decides() {
        server.enqueue(json(200, "{\"page\":1,\"page_count\":3,\"records\":[{\"community_member_id\":1}]}"));
        server.enqueue(json(200, "{\"page\":3,\"page_count\":3,\"records\":[{\"community_member_id\":3}]}"));

        assertThat(client.accessGroupMembers(101, 1, 1).hasNextPage()).isTrue();
        assertThat(client.accessGroupMembers(101, 3, 1).hasNextPage()).isFalse();
    }

    @Test
    void a_404_is_a_final_failure_naming_the_group_and_no_address() {
        server.enqueue(json(404, "{\"success\":false,\"message\":\"Oops! Something went wrong.\","
                + "\"error_details\":{\"message\":\"Missing record: access group\"}}"));

        VendorCallException e = failure(() -> client.accessGroupMembers(101, 1, 100));

        assertThat(e.getVendor()).isEqualTo("circle");
        assertThat(e.getHttpStatus()).isEqualTo(404);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("list access group 101 page 1", "Missing record",
                "access group 101 does not exist in Circle");
    }

    @Test
    void a_429_is_retryable_after_the_default_wait_and_not_retried_in_the_call() {
        server.enqueue(json(429, "{\"success\":false,\"message\":\"Too many requests\"}"));

        VendorCallException e = failure(() -> client.accessGroupMembers(101, 1, 100));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).isEqualTo(CircleClient.RATE_LIMIT_DELAY);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_503_is_retried_within_the_call_like_other_reads() {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("Service Unavailable"));
        server.enqueue(json(200, page(false, "{\"community_member_id\":1}")));

        assertThat(client.accessGroupMembers(101, 1, 100).members()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a_page_without_records_or_a_record_without_a_member_id_is_a_final_failure_without_the_address() {
        server.enqueue(json(200, "{\"page\":1,\"has_next_page\":false}"));
        server.enqueue(json(200, page(false, "{\"email\":\"jane@example.com\"}")));

        assertThat(failure(() -> client.accessGroupMembers(101, 1, 100)).getMessage()).contains("records list");
        VendorCallException e = failure(() -> client.accessGroupMembers(101, 1, 100));
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("community_member_id").doesNotContain("jane@example.com");
    }

    @Test
    void a_full_page_larger_than_the_usual_body_limit_is_read_whole() {
        String records = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> "{\"id\":" + (9000 + i) + ",\"community_member_id\":" + i + ",\"access_group_id\":101,"
                        + "\"community_id\":1,\"created_at\":\"" + "2026-01-01T00:00:00.000Z".repeat(40) + "\"}")
                .collect(Collectors.joining(","));
        server.enqueue(json(200, page(false, records)));

        List<AccessGroupMember> members = client.accessGroupMembers(101, 1, 100).members();

        assertThat(members).hasSize(100);
        assertThat(members.get(99)).isEqualTo(new AccessGroupMember(100));
    }

    /** A record as Circle's OpenAPI describes it: no e-mail address. */
    private static String record(long id, long memberId) {
        return "{\"id\":" + id + ",\"access_group_id\":101,\"community_member_id\":" + memberId
                + ",\"community_id\":1,\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2026-01-01T00:00:00.000Z\"}";
    }

    private static String page(boolean hasNext, String... records) {
        return "{\"page\":1,\"per_page\":100,\"has_next_page\":" + hasNext + ",\"count\":" + records.length
                + ",\"page_count\":1,\"records\":[" + String.join(",", records) + "]}";
    }
}
