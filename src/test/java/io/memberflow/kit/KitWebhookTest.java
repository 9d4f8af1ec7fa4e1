package io.memberflow.kit;

import io.memberflow.sync.KitMarketing;
import io.memberflow.activities.TagChange;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /webhooks/kit} and the tag skip it drives, against a stand-in Kit API. */
@MicronautTest(transactional = false)
class KitWebhookTest implements DatabaseTest {
    static final String SECRET = "kit_whsec_test";
    static final MockWebServer KIT = new MockWebServer();

    static {
        KIT.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody("{\"subscriber\":{\"id\":1,\"email_address\":\"x@example.com\",\"state\":\"active\"}}");
            }
        });
        try {
            KIT.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.kit.webhook-secret", SECRET, "memberflow.kit.api-key", "kit_api_key_test",
                "memberflow.kit.api-url", KIT.url("/v4").toString());
    }

    @AfterAll
    void stop() throws IOException {
        KIT.shutdown();
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    KitMarketing marketing;
    @Inject
    KitSuppressions suppressions;

    final String tag = Long.toString(System.nanoTime(), 36);

    private HttpResult deliver(String body, String secret) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return HttpResult.exchange(http.toBlocking(), HttpRequest.POST("/webhooks/kit", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Kit-Signature", KitSignature.header(secret, Instant.now(), raw)));
    }

    private static String event(String id, String type, String email) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created_at\":\"2026-11-25T12:00:00Z\","
                + "\"data\":{\"object\":{\"id\":4242,\"email_address\":\"" + email + "\",\"state\":\"cancelled\"}}}";
    }

    private List<String> kitRequests() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        RecordedRequest r;
        while ((r = KIT.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            paths.add(r.getMethod() + " " + r.getPath());
        }
        return paths;
    }

    @Test
    void givenASignedUnsubscribe_thenItIsRecordedAndTheSubscriberGetsNoMoreTags() throws Exception {
        String email = "gone." + tag + "@example.com";
        HttpResult result = deliver("{\"events\":[" + event("evt-u-" + tag, "subscriber.subscriber_unsubscribe", email) + "]}", SECRET);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("\"recorded\":1").contains("\"suppressed\":1");
        assertThat(suppressions.reason(email.toUpperCase())).contains("unsubscribed");
        kitRequests();

        marketing.addTags(new TagChange("cus_kit_" + tag, email, "Ada", Set.of(9001L), "evt_paid"));

        assertThat(kitRequests()).as("no call to Kit for a subscriber who unsubscribed").isEmpty();
    }

    @Test
    void givenASubscriberNotRecorded_thenTagsAreAddedAsBefore() throws Exception {
        kitRequests();
        marketing.addTags(new TagChange("cus_kit2_" + tag, "stays." + tag + "@example.com", "Ada", Set.of(9001L), "evt_paid"));

        assertThat(kitRequests()).anyMatch(p -> p.startsWith("POST /v4/tags/9001/subscribers"));
    }

    @Test
    void givenTheSameEventDeliveredTwice_thenTheSecondIsADuplicate() {
        String body = "{\"events\":[" + event("evt-b-" + tag, "subscriber.subscriber_bounce", "bounce." + tag + "@example.com") + "]}";

        HttpResult first = deliver(body, SECRET);
        HttpResult second = deliver(body, SECRET);

        assertThat(first.body()).contains("\"recorded\":1");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("\"recorded\":0").contains("\"duplicates\":1");
        assertThat(suppressions.reason("bounce." + tag + "@example.com")).contains("bounced");
    }

    @Test
    void givenABatchWithAComplaintAndAnotherType_thenOnlyTheComplaintSuppresses() {
        String body = "{\"events\":[" + event("evt-c-" + tag, "subscriber.subscriber_complain", "spam." + tag + "@example.com")
                + "," + event("evt-a-" + tag, "subscriber.subscriber_activate", "new." + tag + "@example.com") + "]}";

        HttpResult result = deliver(body, SECRET);

        assertThat(result.body()).contains("\"recorded\":2").contains("\"suppressed\":1");
        assertThat(suppressions.reason("spam." + tag + "@example.com")).contains("complained");
        assertThat(suppressions.reason("new." + tag + "@example.com")).isEmpty();
    }

    @Test
    void givenAWrongSignatureOrNoEvents_thenItIsRefusedAndNothingIsRecorded() {
        String email = "forged." + tag + "@example.com";
        HttpResult forged = deliver("{\"events\":[" + event("evt-f-" + tag, "subscriber.subscriber_unsubscribe", email) + "]}",
                "not_the_secret");
        HttpResult empty = deliver("{\"events\":[]}", SECRET);

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("invalid_signature").doesNotContain(email);
        assertThat(suppressions.reason(email)).isEmpty();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("malformed_event");
    }
}
