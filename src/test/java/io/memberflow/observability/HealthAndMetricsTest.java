package io.memberflow.observability;

import io.memberflow.simulate.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class HealthAndMetricsTest implements DatabaseTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void givenTheServiceIsUp_thenHealthReportsDatabaseAndTemporal() {
        HttpResult health = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/health"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"temporal\"").contains("\"jdbc\"");
        HttpResult readiness = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/health/readiness"));
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).contains("temporal");
        assertThat(HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/health/liveness")).status()).isEqualTo(200);
    }

    @Test
    void givenWebhooks_thenPrometheusCountsThemByOutcomeWithALatencyHistogram() {
        String payload = new StripeEvents("cus_metrics" + System.nanoTime(), "m@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_m", "price_m", 100);
        HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));
        HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));
        HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload, "whsec_wrong", System.currentTimeMillis() / 1000));

        String metrics = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/prometheus")).body();

        assertThat(metrics).contains("memberflow_webhook_requests_total{outcome=\"recorded\"}")
                .contains("memberflow_webhook_requests_total{outcome=\"duplicate\"}")
                .contains("memberflow_webhook_requests_total{outcome=\"invalid_signature\"}")
                .contains("memberflow_webhook_ack_seconds_bucket")
                .contains("memberflow_support_tasks_open")
                .contains("memberflow_relay_backlog");
        // Temporal SDK meters reach the same registry (reported every 10 s)
        String withSdk = io.memberflow.support.Eventually.await("Temporal SDK meters", java.time.Duration.ofSeconds(25),
                () -> HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/prometheus")).body(),
                body -> body.contains("temporal_"));
        assertThat(withSdk).contains("temporal_");
    }
}
