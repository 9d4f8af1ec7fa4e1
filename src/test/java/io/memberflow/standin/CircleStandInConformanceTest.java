package io.memberflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.circle.AccessGroupMember;
import io.memberflow.integrations.circle.CircleClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The facts {@link CircleStandIn} follows, each with its source. Sources:
 * <ul>
 *   <li>[OAS] Circle's Admin API v2 OpenAPI (https://api-headless.circle.so/?urls.primaryName=Admin%20APIs), as
 *       collected in ../shared/reference/vendor-apis.md ("Circle.so Admin API v2");</li>
 *   <li>[PAGING] https://api.circle.so/apis/admin-api ("Paginated requests": page from 1, per_page 10 by default;
 *       page, per_page, has_next_page, count, page_count, records);</li>
 *   <li>[LIMITS] https://api.circle.so/apis/admin-api/usage-and-limits (2,000 requests per 5 minutes per IP; monthly
 *       quota counts 200, 201, 204, 400, 401, 403, 404, 405, 422 and 429 answers, never a 5xx);</li>
 *   <li>[SILENT] not documented: the stand-in's least convenient plausible choice, configurable.</li>
 * </ul>
 * Raw HTTP checks the shapes; {@link CircleClient} checks that memberflow reads them.
 */
class CircleStandInConformanceTest {
    private static final String TOKEN = "circle-token";
    private final CircleStandIn circle = start();
    private final String base = circle.baseUrl();
    private final CircleClient client = new CircleClient(base, TOKEN);

    private static CircleStandIn start() {
        try {
            return new CircleStandIn(TOKEN, Duration.ZERO, 0, 0).accessGroup(101, 102);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        circle.close();
    }

    private Http.Answer get(String path) {
        return Http.send("GET", base + path, null, "Authorization", "Bearer " + TOKEN);
    }

    private Http.Answer post(String path, String body) {
        return Http.send("POST", base + path, body, "Authorization", "Bearer " + TOKEN);
    }

    @Test
    void anAccessGroupsMemberListingCarriesMemberIdsAndNoAddress() {
        // [OAS] GET /access_groups/{id}/community_members: records {id, access_group_id, community_member_id,
        // community_id, created_at, updated_at}, no e-mail
        long ada = circle.seedMember("ada@example.com", Set.of(101L));

        JsonNode page = get("access_groups/101/community_members").json();

        JsonNode record = page.path("records").get(0);
        assertThat(iterable(record.fieldNames())).containsExactlyInAnyOrder("id", "access_group_id",
                "community_member_id", "community_id", "created_at", "updated_at");
        assertThat(record.path("community_member_id").asLong()).isEqualTo(ada);
        assertThat(record.path("access_group_id").asLong()).isEqualTo(101);
        assertThat(record.path("id").asLong()).as("the record's own id is not the member's").isNotEqualTo(ada);
        assertThat(page.toString()).doesNotContain("ada@example.com");
        assertThat(client.accessGroupMembers(101, 1, 100).members()).containsExactly(new AccessGroupMember(ada));
    }

    @Test
    void listingsPageByPageAndPerPageWithCirclesFieldsTenByDefaultAtMostAHundred() {
        // [PAGING] page from 1, per_page default 10; page, per_page, has_next_page, count, page_count, records.
        // [SILENT] the largest per_page is not stated for every list: 100, as in Circle's examples
        IntStream.rangeClosed(1, 250).forEach(i -> circle.seedMember("m" + i + "@example.com", Set.of(101L)));

        JsonNode first = get("access_groups/101/community_members").json();
        JsonNode capped = get("access_groups/101/community_members?page=3&per_page=1000").json();

        assertThat(iterable(first.fieldNames())).containsExactlyInAnyOrder("page", "per_page", "has_next_page", "count",
                "page_count", "records");
        assertThat(first.path("per_page").asInt()).isEqualTo(10);
        assertThat(first.path("records")).hasSize(10);
        assertThat(first.path("count").asInt()).isEqualTo(250);
        assertThat(first.path("page_count").asInt()).isEqualTo(25);
        assertThat(first.path("has_next_page").asBoolean()).isTrue();
        assertThat(capped.path("per_page").asInt()).isEqualTo(100);
        assertThat(capped.path("records")).hasSize(50);
        assertThat(capped.path("has_next_page").asBoolean()).isFalse();
        List<Long> all = new ArrayList<>();
        for (int p = 1; ; p++) {
            var listed = client.accessGroupMembers(101, p, 100);
            listed.members().forEach(m -> all.add(m.communityMemberId()));
            if (!listed.hasNextPage()) {
                break;
            }
        }
        assertThat(all).hasSize(250).doesNotHaveDuplicates();
    }

    @Test
    void aMemberReadByIdCarriesItsAddress() {
        // [OAS] GET /community_members/{id}: member object with email; 404 when there is none
        long bob = circle.seedMember("bob@example.com", Set.of());

        assertThat(get("community_members/" + bob).json().path("email").asText()).isEqualTo("bob@example.com");
        assertThat(client.member(bob)).get().extracting(m -> m.email()).isEqualTo("bob@example.com");
        assertThat(client.member(bob + 999)).isEmpty();
    }

    @Test
    void a404SaysWhatIsMissingOnlyInErrorDetails() {
        // [OAS] errors {"success":false,"message":…,"error_details":{"message":"Missing record: <thing>"}}; one
        // endpoint answers 404 for a missing access group, a missing member and a missing membership
        circle.seedMember("ada@example.com", Set.of());
        String delete = "access_groups/%d/community_members?email=%s";

        Http.Answer noGroup = Http.send("DELETE", base + delete.formatted(999, "ada%40example.com"), null, "Authorization", "Bearer " + TOKEN);
        Http.Answer noMember = Http.send("DELETE", base + delete.formatted(101, "zed%40example.com"), null, "Authorization", "Bearer " + TOKEN);
        Http.Answer notIn = Http.send("DELETE", base + delete.formatted(101, "ada%40example.com"), null, "Authorization", "Bearer " + TOKEN);

        assertThat(List.of(noGroup.status(), noMember.status(), notIn.status())).containsOnly(404);
        assertThat(noGroup.json().path("success").asBoolean(true)).isFalse();
        assertThat(noGroup.json().path("error_details").path("message").asText()).isEqualTo("Missing record: access group");
        assertThat(noMember.json().path("error_details").path("message").asText()).isEqualTo("Missing record: community member");
        assertThat(notIn.json().path("error_details").path("message").asText()).isEqualTo("Missing record: access group member");
        assertThat(noGroup.json().path("message").asText()).doesNotContain("Missing record");
        client.removeFromAccessGroup(101, "ada@example.com"); // not in it: done
        assertThat(catchThrowableOfType(VendorCallException.class, () -> client.removeFromAccessGroup(999, "ada@example.com")))
                .extracting(VendorCallException::isRetryable).isEqualTo(false);
    }

    @Test
    void aMemberIsCreatedWith201AndGrantedWith201AfterItExists() {
        // [OAS] POST /community_members → 201 {message, community_member:{id, email, …}}; POST
        // /access_groups/{id}/community_members {email} → 201; 404 when the member does not exist yet; 422 invalid email
        Http.Answer grantFirst = post("access_groups/101/community_members", "{\"email\":\"cy@example.com\"}");
        Http.Answer created = post("community_members", "{\"email\":\"cy@example.com\",\"name\":\"Cy\"}");
        Http.Answer granted = post("access_groups/101/community_members", "{\"email\":\"cy@example.com\"}");
        Http.Answer invalid = post("community_members", "{\"email\":\"not-an-address\"}");

        assertThat(grantFirst.status()).isEqualTo(404);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("community_member").path("email").asText()).isEqualTo("cy@example.com");
        assertThat(created.json().path("community_member").path("id").asLong()).isEqualTo(circle.memberId("cy@example.com"));
        assertThat(granted.status()).isEqualTo(201);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(circle.groupsOf("cy@example.com")).containsExactly(101L);
    }

    @Test
    void aSecondCreateOrAddAnswersAnUnexplained422AndMemberflowStillGetsWhereItWants() {
        // [SILENT] Circle does not document a duplicate create or add: the default answer says nothing useful
        long dee = circle.seedMember("dee@example.com", Set.of(101L));

        Http.Answer create = post("community_members", "{\"email\":\"dee@example.com\"}");
        Http.Answer add = post("access_groups/101/community_members", "{\"email\":\"dee@example.com\"}");

        assertThat(create.status()).isEqualTo(422);
        assertThat(create.body()).doesNotContainIgnoringCase("already").doesNotContainIgnoringCase("taken");
        assertThat(add.status()).isEqualTo(422);
        assertThat(add.body()).doesNotContainIgnoringCase("already");
        client.addToAccessGroup(101, "dee@example.com"); // memberflow checks the membership instead of the wording
        assertThat(circle.memberId("dee@example.com")).isEqualTo(dee);
        circle.duplicateCreate(CircleStandIn.Duplicate.EXPLAINED_422);
        assertThat(post("community_members", "{\"email\":\"dee@example.com\"}").body()).contains("already been taken");
    }

    @Test
    void theTokenIsABearerTokenAndAWrongOneIs401() {
        // [OAS] Authorization: Bearer <Admin V2 token> (help pages; the OpenAPI's scheme reads "Token": UNCONFIRMED)
        Http.Answer wrong = Http.send("GET", base + "community_members/search?email=a%40example.com", null,
                "Authorization", "Bearer nope");
        Http.Answer tokenScheme = Http.send("GET", base + "community_members/search?email=a%40example.com", null,
                "Authorization", "Token " + TOKEN);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(tokenScheme.status()).isEqualTo(401);
    }

    @Test
    void pastTwoThousandRequestsInFiveMinutesTheAnswerIs429WithoutRetryAfter() {
        // [LIMITS] 2,000 requests per 5 minutes per IP; [OAS] 429: wait ~60 s, Retry-After not documented
        circle.rateLimit(3, CircleStandIn.PUBLISHED_WINDOW); // the published window, a smaller count for the test
        for (int i = 0; i < 3; i++) {
            assertThat(get("access_groups/101/community_members").status()).isEqualTo(200);
        }

        Http.Answer refused = get("access_groups/101/community_members");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNull();
        assertThat(CircleStandIn.PUBLISHED_LIMIT).isEqualTo(2_000);
        assertThat(CircleStandIn.PUBLISHED_WINDOW).isEqualTo(Duration.ofMinutes(5));
        VendorCallException e = catchThrowableOfType(VendorCallException.class, () -> client.accessGroupMembers(101, 1, 100));
        assertThat(e.getHttpStatus()).isEqualTo(429);
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theMonthlyQuotaCountsEveryAnswerButA5xx() {
        // [LIMITS] 2xx, 400, 401, 403, 404, 405, 422 and 429 count; 5xx do not
        circle.seedMember("ada@example.com", Set.of(101L));
        get("access_groups/101/community_members");                                    // 200
        get("access_groups/999/community_members");                                    // 404
        post("community_members", "{\"email\":\"x\"}");                                // 422
        Http.send("GET", base + "access_groups/101/community_members", null, "Authorization", "Bearer bad"); // 401
        circle.failNext(2);
        get("access_groups/101/community_members");                                    // 503
        get("access_groups/101/community_members");                                    // 503
        circle.rateLimit(1, Duration.ofMinutes(5));
        get("access_groups/101/community_members");                                    // 200
        get("access_groups/101/community_members");                                    // 429

        assertThat(circle.total()).isEqualTo(8);
        assertThat(circle.quotaUsed()).isEqualTo(6);
        assertThat(circle.served("503 injected")).isEqualTo(2);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
