package io.memberflow.kit;

import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code KIT_WEBHOOK_SECRET} nothing can be verified, so nothing is taken; the answer is 404, never 410:
 * Kit drops a delivery at once on 410 but retries any other non-2xx for about 41 hours
 * (developers.kit.com/webhooks/retries), so deliveries made before the secret was set still arrive once it is.
 */
@MicronautTest(transactional = false)
class KitWebhookWithoutSecretTest implements DatabaseTest {
    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void givenNoSecret_thenADeliveryIsAnswered404SoKitKeepsRetryingIt() {
        String body = "{\"delivery_id\":1,\"events\":[{\"id\":\"9c2e1f3a-6b7d-4e8f-a1b2-c3d4e5f60718\","
                + "\"type\":\"subscriber.unsubscribed\",\"data\":{\"subscriber\":{\"email_address\":\"a@example.com\"}}}]}";

        HttpResult result = HttpResult.exchange(http.toBlocking(), HttpRequest.POST("/webhooks/kit", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Kit-Signature", KitSignature.header("any", Instant.now(), body.getBytes(StandardCharsets.UTF_8))));

        assertThat(result.status()).isEqualTo(404).isNotEqualTo(410);
        assertThat(result.body()).contains("kit_webhooks_disabled").doesNotContain("a@example.com");
    }
}
