package io.memberflow.intake;

import io.memberflow.config.EmbeddedDatabase;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.HttpResult;
import io.memberflow.support.TestDatabase;
import io.memberflow.support.Webhooks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseDownTest {

    @Test
    void givenTheDatabaseIsDown_thenTheWebhookAnswers503SoStripeRetries() {
        EmbeddedDatabase db = TestDatabase.startPrivate();
        Map<String, Object> props = new HashMap<>(db.datasourceProperties());
        props.put("datasources.default.connection-timeout", "500");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test");
             HttpClient client = HttpClient.create(server.getURL())) {
            db.close();
            String payload = new StripeEvents("cus_dbdown", "d@example.com", System.currentTimeMillis() / 1000)
                    .invoice("invoice.paid", "sub_1", "price_x", 100);

            HttpResult result = HttpResult.exchange(client.toBlocking(), Webhooks.signed(payload));

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.body()).contains("unavailable").doesNotContain("Exception").doesNotContain("jdbc");
        }
    }
}
