package io.memberflow.admin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Wrong admin tokens are logged without the token, counted, and throttled per client address. */
@MicronautTest
class AdminThrottleTest implements DatabaseTest {
    static final String TOKEN = "throttle-admin-token";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN);
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    MeterRegistry registry;

    @Test
    void givenRepeatedWrongTokens_thenEachIsLoggedAndCountedAndTheAddressIsThrottledWith429() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(AdminAuthenticator.class)).addAppender(logs);
        double before = registry.counter("memberflow.admin.auth.failures").count();

        for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
            HttpResult r = HttpResult.exchange(http.toBlocking(),
                    HttpRequest.GET("/admin/customers/cus_t").bearerAuth("guess-number-" + i));
            assertThat(r.status()).isEqualTo(401);
        }
        HttpClientResponseException throttled = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/admin/customers/cus_t").bearerAuth("guess-again"), String.class));
        assertThat(throttled.getStatus().getCode()).isEqualTo(429);
        assertThat(throttled.getResponse().getHeaders().get("Retry-After")).matches("\\d+");
        assertThat(throttled.getResponse().getBody(String.class).orElse("")).contains("\"error\":\"too_many_attempts\"");
        assertThat(HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/customers/cus_t").bearerAuth(TOKEN)).status())
                .as("while throttled even the right token waits").isEqualTo(429);

        assertThat(registry.counter("memberflow.admin.auth.failures").count()).isEqualTo(before + AuthThrottle.FREE_FAILURES);
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("Admin authentication failed"))
                .hasSize(AuthThrottle.FREE_FAILURES)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("127.0.0.1").contains("/admin/customers/cus_t")
                        .doesNotContain("guess"));
        ((Logger) LoggerFactory.getLogger(AdminAuthenticator.class)).detachAppender(logs);
    }
}
