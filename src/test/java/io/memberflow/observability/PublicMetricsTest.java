package io.memberflow.observability;

import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** MEMBERFLOW_METRICS_PUBLIC=true opens /prometheus; health details stay behind the admin token. */
@MicronautTest
class PublicMetricsTest implements DatabaseTest {

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.metrics.public", "true", "memberflow.admin.token", "public-metrics-admin");
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void givenPublicMetrics_thenPrometheusAnswersWithoutATokenAndHealthStillHidesItsDetails() {
        HttpResult metrics = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/prometheus"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/health")).body()).doesNotContain("jdbc");
    }
}
