package io.memberflow.observability;

import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class HealthAndMetricsTest implements DatabaseTest {
    static final String TOKEN = "metrics-admin-token";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN);
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    MeterRegistry registry;

    private HttpResult get(String path) {
        return HttpResult.exchange(http.toBlocking(), HttpRequest.GET(path));
    }

    private HttpResult admin(String path) {
        return HttpResult.exchange(http.toBlocking(), HttpRequest.GET(path).bearerAuth(TOKEN));
    }

    @Test
    void givenAnAnonymousCaller_thenHealthShowsTheStatusOnly() {
        HttpResult health = get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("jdbc").doesNotContain("postgres")
                .doesNotContain("temporal").doesNotContain("diskSpace").doesNotContain("\"details\":{");
        assertThat(get("/health/readiness").body()).doesNotContain("temporal").doesNotContain("jdbc");
    }

    @Test
    void givenAWrongAdminToken_thenHealthShowsTheStatusOnlyAndTheFailureIsCounted() {
        double before = registry.counter("memberflow.admin.auth.failures").count();
        HttpResult health = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/health").bearerAuth("guess"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("jdbc");
        assertThat(registry.counter("memberflow.admin.auth.failures").count()).isEqualTo(before + 1);
    }

    @Test
    void givenTheAdminToken_thenHealthReportsDatabaseAndTemporal() {
        HttpResult health = admin("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"temporal\"").contains("\"jdbc\"");
        HttpResult readiness = admin("/health/readiness");
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

        String metrics = admin("/prometheus").body();

        assertThat(metrics).contains("memberflow_webhook_requests_total{outcome=\"recorded\"}")
                .contains("memberflow_webhook_requests_total{outcome=\"duplicate\"}")
                .contains("memberflow_webhook_requests_total{outcome=\"invalid_signature\"}")
                .contains("memberflow_webhook_ack_seconds_bucket")
                .contains("memberflow_support_tasks_open")
                .contains("memberflow_relay_backlog");
        // Temporal SDK meters reach the same registry (reported every 10 s)
        String withSdk = io.memberflow.support.Eventually.await("Temporal SDK meters", java.time.Duration.ofSeconds(25),
                () -> admin("/prometheus").body(),
                body -> body.contains("temporal_"));
        assertThat(withSdk).contains("temporal_");
    }

    @Test
    void givenTheAdminToken_thenPrometheusShowsCirclesMonthlyQuotaAndItsUse() {
        String metrics = admin("/prometheus").body();

        assertThat(metrics).contains("memberflow_circle_quota_limit 5000.0")
                .contains("memberflow_circle_quota_background_budget 2500.0")
                .containsPattern("memberflow_circle_quota_used\\{purpose=\"live\"\\} \\d")
                .containsPattern("memberflow_circle_quota_used\\{purpose=\"background\"\\} \\d")
                .contains("memberflow_circle_quota_projected");
    }

    @Test
    void givenNoAdminToken_thenPrometheusAnswers401InTheProjectShape() {
        HttpResult anonymous = get("/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"").doesNotContain("jvm_");
        HttpResult wrong = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/prometheus").bearerAuth("nope"));
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void givenAWrongAdminToken_thenPrometheusCountsItAsAnAuthFailure() {
        HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/prometheus").bearerAuth("wrong-token"));
        assertThat(admin("/prometheus").body()).containsPattern("memberflow_admin_auth_failures_total(\\{[^}]*\\})? [1-9]")
                .doesNotContain("wrong-token");
    }

    @Test
    void givenTheUndocumentedManagementEndpoints_thenNoneIsExposedEvenWithTheAdminToken() {
        for (String path : new String[] {"/metrics", "/beans", "/routes", "/env", "/loggers", "/info", "/threaddump"}) {
            HttpResult r = admin(path);
            assertThat(r.status()).as(path).isIn(404, 405);
            assertThat(r.body()).as(path).doesNotContain("jvm").doesNotContain("memberflow_");
        }
    }

    @Test
    void givenAFailedRequest_thenNoMeterTagNamesAJavaClass() {
        HttpResult.exchange(http.toBlocking(), HttpRequest.POST("/webhooks/stripe", "{}").header("Stripe-Signature", "t=1,v1=00"));
        String metrics = admin("/prometheus").body();
        assertThat(metrics).doesNotContainPattern("exception=\"[A-Za-z]*Exception\"").doesNotContain("whsec_");
    }
}
