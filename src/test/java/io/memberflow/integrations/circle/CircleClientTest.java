package io.memberflow.integrations.circle;

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
class CircleClientTest extends VendorClientTest<CircleClient> {

    private static final String TOKEN = "circle-secret-token-123";
    private static final String EMAIL = "jane+vip@example.com";
    private static final String MEMBER =
            "{\"id\":42,\"email\":\"jane+vip@example.com\",\"name\":\"Jane Doe\",\"active\":true,\"headline\":\"x\"}";

    @Test
    void find_member_searches_by_email_with_the_bearer_token() throws Exception {
        server.enqueue(json(200, MEMBER));

        assertThat(client.findMember(EMAIL)).contains(new CircleMember(42, EMAIL, "Jane Doe", true));

        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/admin/v2/community_members/search");
        assertThat(request.getRequestUrl().queryParameter("email")).isEqualTo(EMAIL);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void find_member_is_empty_when_circle_answers_404() {
        server.enqueue(json(404, circleError("Missing record: community member")));

        assertThat(client.findMember(EMAIL)).isEmpty();
    }

    @Test
    void ensure_member_does_not_create_a_member_that_exists() {
        server.enqueue(json(200, MEMBER));

        CircleClient.EnsuredMember ensured = client.ensureMember(EMAIL, "Jane Doe");
        assertThat(ensured.member().id()).isEqualTo(42);
        assertThat(ensured.existed()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void ensure_member_creates_an_absent_member_once_with_the_invitation() throws Exception {
        server.enqueue(json(404, circleError("Missing record: community member")));
        server.enqueue(json(201, "{\"message\":\"Member invited\",\"community_member\":" + MEMBER + "}"));

        CircleClient.EnsuredMember ensured = client.ensureMember(EMAIL, "Jane Doe");
        assertThat(ensured.member().id()).isEqualTo(42);
        assertThat(ensured.existed()).isFalse();

        take(server);
        RecordedRequest create = take(server);
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getPath()).isEqualTo("/api/admin/v2/community_members");
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(json.readTree(create.getBody().readUtf8())).isEqualTo(json.readTree(
                "{\"email\":\"jane+vip@example.com\",\"name\":\"Jane Doe\",\"skip_invitation\":false}"));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void ensure_member_counts_an_email_already_taken_answer_as_success_and_reads_the_member_again() throws Exception {
        server.enqueue(json(404, circleError("Missing record: community member")));
        server.enqueue(json(422, "{\"success\":false,\"message\":\"Validation failed\","
                + "\"error_details\":{\"email\":[\"has already been taken\"]}}"));
        server.enqueue(json(200, MEMBER));

        CircleClient.EnsuredMember ensured = client.ensureMember(EMAIL, null);
        assertThat(ensured.member().id()).isEqualTo(42);
        assertThat(ensured.existed()).as("taken: another attempt or a race created it").isTrue();

        assertThat(take(server).getMethod()).isEqualTo("GET");
        assertThat(json.readTree(take(server).getBody().readUtf8()).has("name")).isFalse();
        assertThat(take(server).getMethod()).isEqualTo("GET");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void ensure_member_fails_final_on_an_invalid_email_without_creating_again() {
        server.enqueue(json(404, circleError("Missing record: community member")));
        server.enqueue(json(422, circleError("Email is invalid")));
        server.enqueue(json(404, circleError("Missing record: community member")));

        VendorCallException e = failure(() -> client.ensureMember(EMAIL, "Jane"));

        assertThat(e.getHttpStatus()).isEqualTo(422);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("circle create member failed: HTTP 422", "Email is invalid", "final");
        assertThat(server.getRequestCount()).as("look-up, create, look-up again").isEqualTo(3);
    }

    @Test
    void ensure_member_counts_an_unexplained_refusal_of_the_create_as_done_when_the_member_is_there_now() {
        server.enqueue(json(404, circleError("Missing record: community member")));
        server.enqueue(json(422, circleError("Oops! Something went wrong.")));
        server.enqueue(json(200, MEMBER));

        assertThat(client.ensureMember(EMAIL, "Jane").member().id()).isEqualTo(42);
    }

    @Test
    void an_unexplained_refusal_of_a_grant_counts_as_granted_when_the_membership_is_there() {
        server.enqueue(json(422, circleError("Oops! Something went wrong.")));
        server.enqueue(json(200, "{\"id\":1,\"access_group_id\":101,\"community_member_id\":42}"));

        client.addToAccessGroup(101, EMAIL);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void add_to_access_group_posts_the_email_to_the_group() throws Exception {
        server.enqueue(json(201, "{\"message\":\"Member added to access group\"}"));

        client.addToAccessGroup(101, EMAIL);

        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/api/admin/v2/access_groups/101/community_members");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(json.readTree(request.getBody().readUtf8()))
                .isEqualTo(json.readTree("{\"email\":\"jane+vip@example.com\"}"));
    }

    @Test
    void an_already_in_the_group_answer_counts_as_granted() {
        server.enqueue(json(422, circleError("Community member is already a member of this access group")));

        client.addToAccessGroup(101, EMAIL);

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void granting_a_missing_access_group_is_a_final_404_naming_the_group() {
        server.enqueue(json(404, circleError("Missing record: access group")));

        VendorCallException e = failure(() -> client.addToAccessGroup(101, EMAIL));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getHttpStatus()).isEqualTo(404);
        assertThat(e.getCall()).isEqualTo("grant access group 101");
        assertThat(e.getMessage()).contains("Missing record: access group", "access group 101");
    }

    @Test
    void remove_from_access_group_deletes_by_email() throws Exception {
        server.enqueue(json(200, "{\"message\":\"Member removed from access group\"}"));

        client.removeFromAccessGroup(101, EMAIL);

        RecordedRequest request = take(server);
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/admin/v2/access_groups/101/community_members");
        assertThat(request.getRequestUrl().queryParameter("email")).isEqualTo(EMAIL);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Missing record: access group member", "Missing record: community member"})
    void a_404_for_a_missing_membership_or_member_on_remove_counts_as_already_revoked(String cause) {
        server.enqueue(json(404, circleError(cause)));

        client.removeFromAccessGroup(101, EMAIL);

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_404_for_a_missing_access_group_on_remove_is_a_final_configuration_error_not_a_revoke() {
        server.enqueue(json(404, circleError("Missing record: access group")));

        VendorCallException e = failure(() -> client.removeFromAccessGroup(101, EMAIL));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getHttpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("access group 101 does not exist in Circle", "configuration error",
                "circle-access-group-ids").doesNotContain(EMAIL);
    }

    @Test
    void a_404_that_does_not_say_what_is_missing_on_remove_is_final_rather_than_silently_revoked() {
        server.enqueue(json(404, "{\"success\":false,\"message\":\"Oops! Something went wrong.\"}"));

        VendorCallException e = failure(() -> client.removeFromAccessGroup(101, EMAIL));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("without saying what is missing");
    }

    @Test
    void a_membership_check_of_a_missing_access_group_is_final_instead_of_not_a_member() {
        server.enqueue(json(404, circleError("Missing record: access group")));

        VendorCallException e = failure(() -> client.isInAccessGroup(101, EMAIL));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("access group 101 does not exist in Circle");
    }

    @Test
    void an_invalid_token_is_final_and_names_the_token_variable_without_revealing_the_token() {
        server.enqueue(json(401, circleError("Your account could not be authenticated.")));

        VendorCallException e = failure(() -> client.findMember(EMAIL));

        assertThat(e.getVendor()).isEqualTo("circle");
        assertThat(e.getHttpStatus()).isEqualTo(401);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("CIRCLE_API_TOKEN", "could not be authenticated")
                .doesNotContain(TOKEN).doesNotContain(EMAIL);
    }

    @Test
    void a_member_limit_refusal_is_final_and_says_so() {
        server.enqueue(json(403, circleError("Daily member limit exceeded")));

        VendorCallException e = failure(() -> client.addToAccessGroup(101, EMAIL));

        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("Circle refused: plan limit or permissions", "Daily member limit exceeded");
    }

    @Test
    void a_429_is_retryable_after_the_retry_after_seconds() {
        server.enqueue(json(429, circleError("Too many requests")).setHeader("Retry-After", "7"));

        VendorCallException e = failure(() -> client.removeFromAccessGroup(101, EMAIL));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("rate limited, will retry", "after 7 s");
    }

    @Test
    void a_429_without_retry_after_waits_a_minute() {
        server.enqueue(json(429, circleError("Too many requests")));

        assertThat(failure(() -> client.findMember(EMAIL)).getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void a_503_is_retryable() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(503).setBody("Service Unavailable"));
        }

        VendorCallException e = failure(() -> client.addToAccessGroup(101, EMAIL));

        assertThat(server.getRequestCount()).as("the grant and its two step-level retries").isEqualTo(3);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getHttpStatus()).isEqualTo(503);
        assertThat(e.getRetryAfter()).isNull();
    }

    @Test
    void givenA503OnMemberCreation_thenTheCreationIsNotRepeatedInsideTheCall() {
        server.enqueue(json(404, circleError("Missing record: community member")));
        server.enqueue(new MockResponse().setResponseCode(503).setBody("Service Unavailable"));

        VendorCallException e = failure(() -> client.ensureMember(EMAIL, "Jane"));

        assertThat(e.getHttpStatus()).isEqualTo(503);
        assertThat(server.getRequestCount()).as("one look-up, one creation").isEqualTo(2);
    }

    @Test
    void givenOne503OnAGrant_thenTheGrantIsRetriedInsideTheCallAndSucceeds() {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("Service Unavailable"));
        server.enqueue(json(201, "{\"message\":\"added\"}"));

        client.addToAccessGroup(101, EMAIL);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a_read_timeout_is_retryable_with_status_0() {
        client = clientWithReadTimeout(Duration.ofMillis(200));
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        }

        VendorCallException e = failure(() -> client.findMember(EMAIL));

        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("no HTTP answer").doesNotContain(EMAIL).doesNotContain(TOKEN);
    }

    @Test
    void an_email_in_a_circle_error_body_is_redacted_from_the_message() {
        server.enqueue(json(422, "{\"success\":false,\"message\":\"jane+vip@example.com is not a valid email\","
                + "\"error_details\":{\"email\":[\"jane+vip@example.com is invalid\"]}}"));
        server.enqueue(json(404, circleError("Missing record: community member")));

        VendorCallException e = failure(() -> client.addToAccessGroup(101, EMAIL));

        assertThat(e.getMessage()).doesNotContain("example.com").contains("<email> is not a valid email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin/v2", "/api/admin/v2/"})
    void the_base_url_works_with_or_without_a_trailing_slash(String path) throws Exception {
        CircleClient configured = new CircleClient(server.url(path).toString(), TOKEN, httpClient(Duration.ofSeconds(2)));
        server.enqueue(json(404, circleError("Missing record: community member")));

        configured.findMember(EMAIL);

        assertThat(take(server).getRequestUrl().encodedPath()).isEqualTo("/api/admin/v2/community_members/search");
    }

    @Override
    protected CircleClient clientWithReadTimeout(Duration readTimeout) {
        return new CircleClient(server.url("/api/admin/v2").toString(), TOKEN, httpClient(readTimeout));
    }

    /** Circle's error body: a generic top-level message, the cause in {@code error_details.message} (vendor-apis.md). */
    private static String circleError(String message) {
        return message.startsWith("Missing record")
                ? "{\"success\":false,\"message\":\"Oops! Something went wrong.\",\"error_details\":{\"message\":\""
                        + message + "\"}}"
                : "{\"success\":false,\"message\":\"" + message + "\",\"error_details\":{}}";
    }
}
