package io.memberflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.integrations.kit.TaggedSubscriber;
import io.memberflow.integrations.kit.TaggedSubscriberPage;
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
 * The facts {@link KitStandIn} follows, each with its source. Sources (Kit API v4 reference, developers.kit.com):
 * <ul>
 *   <li>[RATE] /api-reference/rate-limits: 120 requests in 60 s per API key (not per account or IP); 429 with the
 *       plain-text body {@code Retry later}, not JSON, no Retry-After;</li>
 *   <li>[TAGSUBS] /api-reference/tags/list-subscribers-for-a-tag: {@code subscribers[{id, first_name, email_address,
 *       state, created_at, tagged_at, fields}]}, {@code pagination{has_previous_page, has_next_page, start_cursor,
 *       end_cursor, per_page}}, {@code after=<end_cursor>}, per_page 500 by default, at most 1,000;</li>
 *   <li>[TAG] /api-reference/tags/tag-a-subscriber(-by-email-address): the subscriber must already exist; 200 when it
 *       already has the tag (201 when tagged now);</li>
 *   <li>[UNTAG] /api-reference/tags/remove-tag-from-subscriber: 204; 404 when the id does not exist; 401
 *       {@code {"errors":["The access token is invalid"]}};</li>
 *   <li>[SUBS] vendor-apis.md from /api-reference/subscribers: upsert 201 created / 200 updated, cannot change the
 *       state; {@code GET /subscribers?email_address=} lists only active subscribers unless {@code status=all}.</li>
 * </ul>
 */
class KitStandInConformanceTest {
    private static final String KEY = "kit-key";
    private final KitStandIn kit = start();
    private final String base = kit.baseUrl();
    private final KitClient client = new KitClient(base, KEY);

    private static KitStandIn start() {
        try {
            return new KitStandIn(KEY, Duration.ZERO, 0, 0).tag(9001, 9002);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private Http.Answer get(String path) {
        return Http.send("GET", base + path, null, "X-Kit-Api-Key", KEY);
    }

    private Http.Answer post(String path, String body) {
        return Http.send("POST", base + path, body, "X-Kit-Api-Key", KEY);
    }

    @Test
    void aTagsSubscribersPageByCursorWithKitsFieldsAndOnlyActiveOnesUnlessStatusIsAll() {
        // [TAGSUBS]
        IntStream.rangeClosed(1, 1_200).forEach(i -> kit.seedSubscriber("s" + i + "@example.com", Set.of(9001L)));
        kit.state("s7@example.com", "cancelled");

        JsonNode first = get("tags/9001/subscribers").json();
        Http.Answer tooMany = get("tags/9001/subscribers?per_page=1001");
        List<TaggedSubscriber> all = new ArrayList<>();
        String after = null;
        do {
            TaggedSubscriberPage page = client.tagSubscribers(9001, after, 1000);
            all.addAll(page.subscribers());
            after = page.nextCursor();
        } while (after != null);

        assertThat(first.path("subscribers")).hasSize(500);
        assertThat(first.path("subscribers").get(0).has("tagged_at")).isTrue();
        assertThat(first.path("subscribers").get(0).path("email_address").asText()).endsWith("@example.com");
        assertThat(first.path("pagination").path("per_page").asInt()).isEqualTo(500);
        assertThat(first.path("pagination").path("has_next_page").asBoolean()).isTrue();
        assertThat(first.toString()).as("the default status filter is active").doesNotContain("\"s7@example.com\"");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(all).hasSize(1_200).extracting(TaggedSubscriber::id).doesNotHaveDuplicates();
        assertThat(all).filteredOn(s -> s.email().equals("s7@example.com")).extracting(TaggedSubscriber::state)
                .containsExactly("cancelled");
    }

    @Test
    void findingBySubscriberAddressListsOnlyActiveOnesUnlessStatusIsAll() {
        // [SUBS]
        kit.seedSubscriber("gone@example.com", Set.of());
        kit.state("gone@example.com", "cancelled");

        assertThat(get("subscribers?email_address=gone%40example.com").json().path("subscribers")).isEmpty();
        assertThat(get("subscribers?email_address=gone%40example.com&status=all").json().path("subscribers")).hasSize(1);
        assertThat(client.findSubscriber("gone@example.com")).get().extracting(s -> s.state()).isEqualTo("cancelled");
    }

    @Test
    void anUpsertAnswers201Then200AndNeverChangesTheState() {
        // [SUBS]
        Http.Answer created = post("subscribers", "{\"email_address\":\"ada@example.com\",\"first_name\":\"Ada\"}");
        kit.state("ada@example.com", "cancelled");
        Http.Answer updated = post("subscribers", "{\"email_address\":\"ada@example.com\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("subscriber").path("id").asLong()).isPositive();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("subscriber").path("state").asText()).isEqualTo("cancelled");
    }

    @Test
    void taggingNeedsTheSubscriberAndIsIdempotentUntaggingAnswers204Then404() {
        // [TAG] [UNTAG]
        Http.Answer unknown = post("tags/9001/subscribers", "{\"email_address\":\"nobody@example.com\"}");
        long id = kit.seedSubscriber("bea@example.com", Set.of());
        Http.Answer tagged = post("tags/9001/subscribers", "{\"email_address\":\"bea@example.com\"}");
        Http.Answer again = post("tags/9001/subscribers", "{\"email_address\":\"bea@example.com\"}");
        Http.Answer untagged = Http.send("DELETE", base + "tags/9001/subscribers/" + id, null, "X-Kit-Api-Key", KEY);
        Http.Answer untaggedAgain = Http.send("DELETE", base + "tags/9001/subscribers/" + id, null, "X-Kit-Api-Key", KEY);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(tagged.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(untagged.status()).isEqualTo(204);
        assertThat(untaggedAgain.status()).isEqualTo(404);
        assertThat(untaggedAgain.json().path("errors").isArray()).isTrue();
        client.removeTag(9001, "bea@example.com"); // already gone: done
    }

    @Test
    void aWrongKeyIs401WithKitsErrorsArray() {
        // [UNTAG]
        Http.Answer wrong = Http.send("GET", base + "tags/9001/subscribers", null, "X-Kit-Api-Key", "nope");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("errors").get(0).asText()).isEqualTo("The access token is invalid");
    }

    @Test
    void pastItsLimitAKeyGetsPlainTextRetryLaterWithoutRetryAfterAndAnotherKeyIsNotCounted() throws Exception {
        // [RATE] per key; a smaller count for the test, the published window
        kit.rateLimit(3, KitStandIn.PUBLISHED_WINDOW);
        for (int i = 0; i < 3; i++) {
            assertThat(get("tags/9001/subscribers").status()).isEqualTo(200);
        }

        Http.Answer refused = get("tags/9001/subscribers");
        Http.Answer otherKey = Http.send("GET", base + "tags/9001/subscribers", null, "X-Kit-Api-Key", "other");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("Retry later");
        assertThat(refused.header("Content-Type")).startsWith("text/plain");
        assertThat(refused.header("Retry-After")).isNull();
        assertThat(otherKey.status()).as("another key has its own budget (here: refused as unknown)").isEqualTo(401);
        assertThat(KitStandIn.PUBLISHED_LIMIT).isEqualTo(120);
        assertThat(KitStandIn.PUBLISHED_WINDOW).isEqualTo(Duration.ofSeconds(60));
        VendorCallException e = catchThrowableOfType(VendorCallException.class, () -> client.tagSubscribers(9001, null, 100));
        assertThat(e.getHttpStatus()).isEqualTo(429);
        assertThat(e.getVendorMessage()).isEqualTo("Retry later");
        assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }
}
