package io.memberflow.bench;

import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.circle.AccessGroupMember;
import io.memberflow.integrations.circle.AccessGroupMemberPage;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.integrations.kit.TaggedSubscriber;
import io.memberflow.integrations.kit.TaggedSubscriberPage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The stand-ins' list endpoints, seeding and rate limits, as a reconciliation benchmark uses them. */
class BenchRosterStandInsTest {
    private static final Set<String> SEEDED = IntStream.rangeClosed(1, 250)
            .mapToObj(i -> "member" + i + "@example.test").collect(Collectors.toSet());

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void circleListsSeededAndGrantedMembersPageByPage() throws Exception {
        try (CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 0, 0)) {
            SEEDED.forEach(email -> circle.seedMember(email, Set.of(101L)));
            circle.seedMember("other@example.test", Set.of(102L));
            CircleClient client = new CircleClient(circle.baseUrl(), "tok");
            client.addToAccessGroup(102, "member1@example.test");
            client.removeFromAccessGroup(101, "member2@example.test");

            List<AccessGroupMember> all = new ArrayList<>();
            List<Boolean> hasNext = new ArrayList<>();
            for (int page = 1; hasNext.isEmpty() || hasNext.get(hasNext.size() - 1); page++) {
                AccessGroupMemberPage p = client.accessGroupMembers(101, page, 100);
                all.addAll(p.members());
                hasNext.add(p.hasNextPage());
            }

            assertThat(hasNext).containsExactly(true, true, false);
            assertThat(all).hasSize(249).extracting(AccessGroupMember::communityMemberId).doesNotHaveDuplicates().isSorted();
            Set<String> expected = new HashSet<>(SEEDED);
            expected.remove("member2@example.test");
            assertThat(all).extracting(AccessGroupMember::email).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(client.accessGroupMembers(102, 1, 100).members()).extracting(AccessGroupMember::email)
                    .containsExactlyInAnyOrder("other@example.test", "member1@example.test");
            assertThat(client.accessGroupMembers(101, 9, 100).members()).isEmpty();
            assertThat(circle.groupsOf("member1@example.test")).containsExactly(101L, 102L);
            assertThat(circle.groupsOf("member2@example.test")).isEmpty();
            assertThat(circle.groupsOf("nobody@example.test")).isEmpty();
            assertThat(circle.served(CircleStandIn.LIST_MEMBERS)).isEqualTo(5);
            assertThat(circle.counts()).doesNotContainKey("POST create member");
            assertThat(circle.refused()).isZero();
        }
    }

    @Test
    void kitListsSeededAndTaggedSubscribersByCursor() throws Exception {
        try (KitStandIn kit = new KitStandIn("key", Duration.ZERO, 0, 0)) {
            SEEDED.forEach(email -> kit.seedSubscriber(email, Set.of(9001L)));
            KitClient client = new KitClient(kit.baseUrl(), "key");
            client.upsertSubscriber("late@example.test", null);
            client.addTag(9001, "late@example.test");
            client.removeTag(9001, "member7@example.test");
            kit.seedSubscriber("member8@example.test", Set.of(9002L));

            List<TaggedSubscriber> all = new ArrayList<>();
            List<String> cursors = new ArrayList<>();
            String after = null;
            do {
                TaggedSubscriberPage page = client.tagSubscribers(9001, after, 100);
                all.addAll(page.subscribers());
                after = page.nextCursor();
                cursors.add(after);
            } while (after != null);

            assertThat(cursors).hasSize(3).last().isNull();
            assertThat(cursors.subList(0, 2)).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(all).hasSize(250).extracting(TaggedSubscriber::id).doesNotHaveDuplicates().isSorted();
            Set<String> expected = new HashSet<>(SEEDED);
            expected.remove("member7@example.test");
            expected.add("late@example.test");
            assertThat(all).extracting(TaggedSubscriber::email).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(all).extracting(TaggedSubscriber::state).containsOnly("active");
            assertThat(kit.tagsOf("member8@example.test")).containsExactly(9001L, 9002L);
            assertThat(kit.tagsOf("member7@example.test")).isEmpty();
            assertThat(kit.served(KitStandIn.LIST_SUBSCRIBERS)).isEqualTo(3);
            assertThat(get(kit.baseUrl() + "tags/9001/subscribers?after=%21%21", "X-Kit-Api-Key", "key").statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void singleMemberChecksAnswerFromTheSameMembership() throws Exception {
        try (CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 0, 0);
             KitStandIn kit = new KitStandIn("key", Duration.ZERO, 0, 0)) {
            circle.seedMember("ada@example.test", Set.of(101L));
            long ada = kit.seedSubscriber("ada@example.test", Set.of(9002L, 9001L));
            CircleClient circleClient = new CircleClient(circle.baseUrl(), "tok");
            KitClient kitClient = new KitClient(kit.baseUrl(), "key");

            assertThat(circleClient.isInAccessGroup(101, "ada@example.test")).isTrue();
            assertThat(circleClient.isInAccessGroup(102, "ada@example.test")).isFalse();
            assertThat(circleClient.isInAccessGroup(101, "bob@example.test")).isFalse();
            assertThat(kitClient.subscriberTags(ada)).containsExactly(9001L, 9002L);
            assertThat(catchThrowableOfType(VendorCallException.class, () -> kitClient.subscriberTags(1)).getHttpStatus())
                    .isEqualTo(404);
        }
    }

    @Test
    void circleAnswersJson429PastItsLimitAndRecoversWhenTheWindowRolls() throws Exception {
        try (CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 0, 0)) {
            circle.rateLimit(5, Duration.ofMillis(500));
            String url = circle.baseUrl() + "access_groups/101/community_members?page=1&per_page=10";
            for (int i = 0; i < 5; i++) {
                assertThat(get(url, "Authorization", "Bearer tok").statusCode()).isEqualTo(200);
            }

            HttpResponse<String> refused = get(url, "Authorization", "Bearer tok");
            VendorCallException e = catchThrowableOfType(VendorCallException.class,
                    () -> new CircleClient(circle.baseUrl(), "tok").accessGroupMembers(101, 1, 10));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).isEqualTo("{\"success\":false,\"message\":\"Too many requests\"}");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(e.getHttpStatus()).isEqualTo(429);
            assertThat(e.isRetryable()).isTrue();
            assertThat(circle.refused()).isEqualTo(2);
            Thread.sleep(550);
            assertThat(get(url, "Authorization", "Bearer tok").statusCode()).isEqualTo(200);
            assertThat(circle.counts()).containsEntry(CircleStandIn.LIST_MEMBERS, 6L).containsEntry(StandIn.RATE_LIMITED, 2L);
        }
    }

    @Test
    void kitAnswersPlainText429PastItsLimitAndRecoversWhenTheWindowRolls() throws Exception {
        try (KitStandIn kit = new KitStandIn("key", Duration.ZERO, 0, 0)) {
            kit.rateLimit(5, Duration.ofMillis(500));
            String url = kit.baseUrl() + "tags/9001/subscribers?per_page=10&status=all";
            for (int i = 0; i < 5; i++) {
                assertThat(get(url, "X-Kit-Api-Key", "key").statusCode()).isEqualTo(200);
            }

            HttpResponse<String> refused = get(url, "X-Kit-Api-Key", "key");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).isEqualTo("Retry later");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("text/plain");
            assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
            assertThat(get(url, "X-Kit-Api-Key", "wrong").statusCode()).as("a wrong key is not counted").isEqualTo(401);
            assertThat(kit.refused()).isEqualTo(1);
            Thread.sleep(550);
            assertThat(get(url, "X-Kit-Api-Key", "key").statusCode()).isEqualTo(200);
            assertThat(kit.served(KitStandIn.LIST_SUBSCRIBERS)).isEqualTo(6);
        }
    }

    @Test
    void limitsAreOffByDefaultAndThePublishedOnesAreTheVendorsNumbers() throws Exception {
        try (KitStandIn kit = new KitStandIn("key", Duration.ZERO, 0, 0);
             CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 0, 0)) {
            String url = kit.baseUrl() + "tags/9001/subscribers";
            for (int i = 0; i < 130; i++) {
                get(url, "X-Kit-Api-Key", "key");
            }
            assertThat(kit.refused()).isZero();

            kit.enforcePublishedRateLimit();
            Map<Integer, Long> statuses = IntStream.range(0, 121).mapToObj(i -> status(url, "X-Kit-Api-Key", "key"))
                    .collect(Collectors.groupingBy(s -> s, Collectors.counting()));

            assertThat(statuses).containsEntry(200, 120L).containsEntry(429, 1L);
            assertThat(KitStandIn.PUBLISHED_WINDOW).isEqualTo(Duration.ofSeconds(60));
            assertThat(CircleStandIn.PUBLISHED_LIMIT).isEqualTo(2_000);
            assertThat(CircleStandIn.PUBLISHED_WINDOW).isEqualTo(Duration.ofMinutes(5));
            circle.enforcePublishedRateLimit();
            assertThat(status(circle.baseUrl() + "access_groups/1/community_members", "Authorization", "Bearer tok"))
                    .isEqualTo(200);
        }
    }

    private int status(String url, String header, String value) {
        try {
            return get(url, header, value).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String url, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
