package io.memberflow.kit;

import io.memberflow.sync.KitMarketing;
import io.memberflow.activities.TagChange;
import io.memberflow.support.DatabaseTest;
import io.memberflow.standin.KitStandIn;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /webhooks/kit} and the tag skip it drives, against the faithful Kit stand-in. */
@MicronautTest(transactional = false)
class KitWebhookTest implements DatabaseTest {
    static final String SECRET = "kit_whsec_test";
    static final KitStandIn KIT;

    static {
        try {
            KIT = new KitStandIn("kit_api_key_test", java.time.Duration.ZERO, 0, 0).tag(9001);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.kit.webhook-secret", SECRET, "memberflow.kit.api-key", "kit_api_key_test",
                "memberflow.kit.api-url", KIT.baseUrl());
    }

    @AfterAll
    void stop() {
        KIT.close();
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

    /**
     * One event as Kit documents it: {@code {id (UUID), type, created, data:{subscriber:{id, first_name, email_address,
     * state, created_at, fields}}}} (developers.kit.com/webhooks/delivery-format and /webhooks/event-types).
     */
    private static String event(String id, String type, String email) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":\"2026-11-25T12:00:00Z\","
                + "\"data\":{\"subscriber\":{\"id\":4242,\"first_name\":\"Ada\",\"email_address\":\"" + email
                + "\",\"state\":\"cancelled\",\"created_at\":\"2026-11-01T12:00:00Z\",\"fields\":{}}}}";
    }

    /** The envelope: {@code {delivery_id, events:[…]}}, 1 to 100 events of one type. */
    private static String delivery(String... events) {
        return "{\"delivery_id\":" + Math.abs(System.nanoTime() % 1_000_000) + ",\"events\":[" + String.join(",", events) + "]}";
    }

    /** The Kit calls made since the last time this was asked. */
    private long kitRequests() {
        long now = KIT.total();
        long since = now - seenKitCalls;
        seenKitCalls = now;
        return since;
    }

    private long seenKitCalls;

    @Test
    void givenASignedUnsubscribe_thenItIsRecordedAndTheSubscriberGetsNoMoreTags() {
        String email = "gone." + tag + "@example.com";
        HttpResult result = deliver(delivery(event(uuid("u"), "subscriber.unsubscribed", email)), SECRET);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("\"recorded\":1").contains("\"suppressed\":1");
        assertThat(suppressions.reason(email.toUpperCase())).contains("unsubscribed");
        kitRequests();

        marketing.addTags(new TagChange("cus_kit_" + tag, email, "Ada", Set.of(9001L), "evt_paid"));

        assertThat(kitRequests()).as("no call to Kit for a subscriber who unsubscribed").isZero();
    }

    @Test
    void givenASubscriberNotRecorded_thenTagsAreAddedAsBefore() {
        kitRequests();
        marketing.addTags(new TagChange("cus_kit2_" + tag, "stays." + tag + "@example.com", "Ada", Set.of(9001L), "evt_paid"));

        assertThat(kitRequests()).isPositive();
        assertThat(KIT.tagged(9001, "stays." + tag + "@example.com")).isTrue();
    }

    @Test
    void givenTheSameEventDeliveredTwice_thenTheSecondIsADuplicate() {
        String body = delivery(event(uuid("b"), "subscriber.bounced", "bounce." + tag + "@example.com"));

        HttpResult first = deliver(body, SECRET);
        HttpResult second = deliver(body, SECRET);

        assertThat(first.body()).contains("\"recorded\":1");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("\"recorded\":0").contains("\"duplicates\":1");
        assertThat(suppressions.reason("bounce." + tag + "@example.com")).contains("bounced");
    }

    @Test
    void givenABatchOfComplaints_thenEachSuppressesItsSubscriber() {
        String body = delivery(event(uuid("c1"), "subscriber.complained", "spam1." + tag + "@example.com"),
                event(uuid("c2"), "subscriber.complained", "spam2." + tag + "@example.com"));

        HttpResult result = deliver(body, SECRET);

        assertThat(result.body()).contains("\"recorded\":2").contains("\"suppressed\":2");
        assertThat(suppressions.reason("spam1." + tag + "@example.com")).contains("complained");
        assertThat(suppressions.reason("spam2." + tag + "@example.com")).contains("complained");
    }

    @Test
    void givenAnotherTypeOrALegacyName_thenItIsTakenButSuppressesNobody() {
        String body = delivery(event(uuid("a"), "subscriber.activated", "new." + tag + "@example.com"),
                event(uuid("l"), "subscriber.subscriber_unsubscribe", "legacy." + tag + "@example.com"));

        HttpResult result = deliver(body, SECRET);

        assertThat(result.body()).contains("\"recorded\":2").contains("\"suppressed\":0");
        assertThat(suppressions.reason("new." + tag + "@example.com")).isEmpty();
        assertThat(suppressions.reason("legacy." + tag + "@example.com")).isEmpty();
    }

    @Test
    void givenOneEventOfABatchWithoutAnAddress_thenTheOthersAreAppliedAndTheAnswerIs2xxSoKitDoesNotResendTheBatch() {
        String good = "kept." + tag + "@example.com";
        String noAddress = "{\"id\":\"" + uuid("x") + "\",\"type\":\"subscriber.unsubscribed\",\"created\":\"2026-11-25T12:00:00Z\","
                + "\"data\":{\"subscriber\":{\"id\":4243,\"state\":\"cancelled\"}}}";
        String noId = "{\"type\":\"subscriber.unsubscribed\",\"data\":{\"subscriber\":{\"email_address\":\"x@example.com\"}}}";

        HttpResult result = deliver(delivery(noAddress, event(uuid("g"), "subscriber.unsubscribed", good), noId), SECRET);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("\"received\":3", "\"recorded\":1", "\"unusable\":2")
                .doesNotContain("x@example.com");
        assertThat(suppressions.reason(good)).contains("unsubscribed");
    }

    @Test
    void givenASignedBodyThatIsNoDelivery_thenItIsCountedAsUnusableAndAnswered2xx() {
        HttpResult empty = deliver("{\"events\":[]}", SECRET);
        HttpResult notJson = deliver("not json", SECRET);

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("\"unusable\":1");
        assertThat(notJson.status()).isEqualTo(200);
        assertThat(notJson.body()).contains("\"unusable\":1");
    }

    @Test
    void givenAWrongSignatureOrAnUnsignedLegacyWebhook_thenItIsRefusedWithANon2xxAndNothingIsRecorded() {
        String email = "forged." + tag + "@example.com";
        HttpResult forged = deliver(delivery(event(uuid("f"), "subscriber.unsubscribed", email)), "not_the_secret");
        String legacyBody = "{\"subscriber\":{\"id\":4242,\"email_address\":\"" + email + "\",\"state\":\"cancelled\"}}";
        HttpResult legacy = HttpResult.exchange(http.toBlocking(), HttpRequest.POST("/webhooks/kit", legacyBody)
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("invalid_signature").doesNotContain(email);
        assertThat(legacy.status()).isEqualTo(400);
        assertThat(suppressions.reason(email)).isEmpty();
    }

    private String uuid(String name) {
        return java.util.UUID.nameUUIDFromBytes((tag + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
