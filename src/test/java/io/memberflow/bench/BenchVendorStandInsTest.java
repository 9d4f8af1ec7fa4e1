package io.memberflow.bench;

import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchVendorStandInsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void circleCountsARepeatedCreateAndARepeatedGrantAsDuplicates() throws Exception {
        try (CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 0, 0)) {
            CircleClient client = new CircleClient(circle.baseUrl(), "tok");
            client.ensureMember("ada@example.test", "Ada");
            client.ensureMember("ada@example.test", "Ada"); // finds her: no second create
            client.addToAccessGroup(101, "ada@example.test");
            client.addToAccessGroup(101, "ada@example.test"); // "already in this group": a duplicate grant
            client.addToAccessGroup(102, "ada@example.test");
            assertThat(circle.duplicateCreations()).isZero();

            HttpResponse<String> again = post(circle.baseUrl() + "community_members", "Authorization", "Bearer tok",
                    "{\"email\":\"ada@example.test\"}");

            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(circle.duplicateCreations()).isEqualTo(1);
            assertThat(circle.emailsCreatedMoreThanOnce()).isEqualTo(1);
            assertThat(circle.duplicateGrants()).isEqualTo(1);
            assertThat(circle.granted()).isEqualTo(1);
            assertThat(circle.firstGrantMillis("ada@example.test")).isNotNull();
            assertThat(circle.counts()).containsEntry("POST grant", 3L).containsEntry("POST create member", 2L);
            assertThat(circle.seen()).hasSize((int) circle.total())
                    .extracting(StandIn.Seen::kind).startsWith("GET search member", "POST create member");
            assertThat(circle.seen()).extracting(StandIn.Seen::atMillis).isSorted();
        }
    }

    @Test
    void circleRevokesAGrantAndRefusesAWrongToken() throws Exception {
        try (CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 0, 0)) {
            CircleClient client = new CircleClient(circle.baseUrl(), "tok");
            client.ensureMember("bob@example.test", null);
            client.addToAccessGroup(101, "bob@example.test");
            client.removeFromAccessGroup(101, "bob@example.test");

            assertThat(circle.counts()).containsEntry("DELETE revoke", 1L);
            assertThatThrownBy(() -> new CircleClient(circle.baseUrl(), "wrong").findMember("bob@example.test"))
                    .isInstanceOf(VendorCallException.class);
            assertThat(circle.counts()).containsEntry("401", 1L);
        }
    }

    @Test
    void circleAnswers503ToTheConfiguredShareOfCalls() throws Exception {
        try (CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 1.0, 0)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(circle.baseUrl()
                    + "community_members/search?email=x%40example.test")).header("Authorization", "Bearer tok").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(circle.counts()).containsEntry("503 injected", 1L);
        }
    }

    @Test
    void kitAnswersPlainTextRetryLaterWithoutRetryAfterPastItsLimit() throws Exception {
        try (KitStandIn kit = new KitStandIn("key", Duration.ZERO, 3, 0)) {
            KitClient client = new KitClient(kit.baseUrl(), "key");
            client.upsertSubscriber("ada@example.test", null);
            client.addTag(9001, "ada@example.test");
            assertThat(client.findSubscriber("ada@example.test")).isPresent();

            HttpResponse<String> fourth = post(kit.baseUrl() + "subscribers", "X-Kit-Api-Key", "key",
                    "{\"email_address\":\"bob@example.test\"}");

            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.body()).isEqualTo("Retry later");
            assertThat(fourth.headers().firstValue("Content-Type")).hasValue("text/plain");
            assertThat(fourth.headers().firstValue("Retry-After")).isEmpty();
            assertThat(kit.tagged(9001, "ada@example.test")).isTrue();
            assertThat(kit.counts()).containsEntry("429 rate limited", 1L);
        }
    }

    @Test
    void kitRefusesAWrongKeyAndUntagsBySubscriberId() throws Exception {
        try (KitStandIn kit = new KitStandIn("key", Duration.ZERO, 0, 0)) {
            KitClient client = new KitClient(kit.baseUrl(), "key");
            client.upsertSubscriber("ada@example.test", "Ada");
            client.addTag(9001, "ada@example.test");
            client.removeTag(9001, "ada@example.test");

            assertThat(kit.tagged(9001, "ada@example.test")).isFalse();
            assertThat(post(kit.baseUrl() + "subscribers", "X-Kit-Api-Key", "wrong", "{}").statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> post(String url, String header, String value, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header(header, value)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
