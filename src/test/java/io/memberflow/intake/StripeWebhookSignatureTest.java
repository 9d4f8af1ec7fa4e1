package io.memberflow.intake;

import io.memberflow.inbox.InboxRows;
import io.memberflow.standin.StripeEvents;
import io.memberflow.standin.StripeSigner;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class StripeWebhookSignatureTest implements DatabaseTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InboxRows inbox;

    private final StripeEvents events = new StripeEvents("cus_sig" + System.nanoTime(), "sig@example.com",
            System.currentTimeMillis() / 1000);

    private HttpResult post(HttpRequest<?> request) {
        return HttpResult.exchange(http.toBlocking(), request);
    }


    @Test
    void givenValidSignature_thenEventIsAcceptedAndRecorded() {
        String payload = events.subscription("customer.subscription.created", "sub_a", "active", "price_x", false);
        HttpResult result = post(Webhooks.signed(payload));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("\"received\":true");
        assertThat(inbox.findById(Webhooks.eventId(payload))).isPresent();
    }

    @Test
    void givenTheSecondOfTwoRolledSecrets_thenEventIsAccepted() {
        String payload = events.invoice("invoice.paid", "sub_a", "price_x", 100);
        HttpResult result = post(Webhooks.signed(payload, Webhooks.ROLLED_SECRET, System.currentTimeMillis() / 1000));
        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void givenWrongSecret_thenRejectedWith400AndNothingRecorded() {
        String payload = events.invoice("invoice.paid", "sub_a", "price_x", 100);
        HttpResult result = post(Webhooks.signed(payload, "whsec_attacker", System.currentTimeMillis() / 1000));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).contains("invalid_signature").doesNotContain("whsec_").doesNotContain("Exception");
        assertThat(inbox.findById(Webhooks.eventId(payload))).isEmpty();
    }

    @Test
    void givenStaleTimestamp_thenRejectedWith400() {
        String payload = events.invoice("invoice.paid", "sub_a", "price_x", 100);
        long tenMinutesAgo = System.currentTimeMillis() / 1000 - 600;
        HttpResult result = post(Webhooks.signed(payload, Webhooks.SECRET, tenMinutesAgo));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).contains("tolerance");
        assertThat(inbox.findById(Webhooks.eventId(payload))).isEmpty();
    }

    @Test
    void givenMissingSignature_thenRejectedWith400() {
        String payload = events.invoice("invoice.paid", "sub_a", "price_x", 100);
        HttpResult result = post(HttpRequest.POST("/webhooks/stripe", payload).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).contains("missing Stripe-Signature");
    }

    @Test
    void givenTamperedBody_thenRejectedWith400() {
        String payload = events.invoice("invoice.paid", "sub_a", "price_x", 100);
        String header = StripeSigner.header(payload, Webhooks.SECRET);
        String tampered = payload.replace("\"amount_paid\":100", "\"amount_paid\":999999");
        HttpResult result = post(HttpRequest.POST("/webhooks/stripe", tampered)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Stripe-Signature", header));
        assertThat(result.status()).isEqualTo(400);
        assertThat(inbox.findById(Webhooks.eventId(payload))).isEmpty();
    }

    @Test
    void givenSignedMalformedJson_thenRejectedWith400WithoutStackTrace() {
        HttpResult result = post(Webhooks.signed("{\"id\": \"evt_broken\", "));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).contains("malformed_event").doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void givenSignedJsonThatIsNotAnEvent_thenRejectedWith400() {
        HttpResult result = post(Webhooks.signed("{\"hello\":\"world\"}"));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).contains("needs id, type and created");
    }

    @Test
    void givenBodyOverOneMebibyte_thenRejectedWith413() {
        String big = "{\"id\":\"evt_big\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResult result = post(Webhooks.signed(big));
        assertThat(result.status()).isEqualTo(413);
        assertThat(result.body()).contains("payload_too_large").doesNotContain("Exception");
    }
    @Test
    void givenASignedEventWithAnOverlongOrNulId_thenAnswers400MalformedEventAndRecordsNothing() {
        long now = System.currentTimeMillis() / 1000;
        for (String id : new String[] {"evt_" + "x".repeat(400), "evt_nul\\u0000x"}) {
            String payload = "{\"id\":\"" + id + "\",\"object\":\"event\",\"created\":" + now
                    + ",\"type\":\"customer.updated\",\"data\":{\"object\":{\"object\":\"customer\",\"id\":\"cus_long\"}}}";
            HttpResult result = post(Webhooks.signed(payload));
            assertThat(result.status()).isEqualTo(400);
            assertThat(result.body()).contains("malformed_event").doesNotContain("xxxxxxxx");
        }
    }
}
