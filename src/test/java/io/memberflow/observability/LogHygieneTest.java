package io.memberflow.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.memberflow.temporal.WorkflowGateway;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Plants secrets and an e-mail address, drives failures that echo them back, and greps everything logged. */
@MicronautTest
class LogHygieneTest implements DatabaseTest {
    static final String EMAIL = "planted.person@example.org";
    static final String CIRCLE_TOKEN = "planted-circle-token-7f3a";
    static final String KIT_KEY = "planted-kit-key-91bc";
    static final String ADMIN_TOKEN = "planted-admin-token-55d0";
    static final List<String> LINES = Collections.synchronizedList(new ArrayList<>());
    static final MockWebServer VENDORS = new MockWebServer();

    static {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                String thrown = e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy());
                LINES.add(e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap() + " " + thrown);
            }
        };
        capture.start();
        root.addAppender(capture);
        ((Logger) LoggerFactory.getLogger("io.temporal")).setLevel(ch.qos.logback.classic.Level.INFO);
        VENDORS.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // Vendors that echo what they were sent, the worst case for a log line
                String body = "{\"success\":false,\"message\":\"Invalid token " + CIRCLE_TOKEN + " for " + EMAIL + "\"}";
                if (request.getPath().startsWith("/kit")) {
                    body = "{\"errors\":[\"Email address " + EMAIL + " is invalid (key " + KIT_KEY + ")\"]}";
                    return new MockResponse().setResponseCode(422).setBody(body);
                }
                return new MockResponse().setResponseCode(401).setBody(body);
            }
        });
        try {
            VENDORS.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("memberflow.circle.api-token", CIRCLE_TOKEN);
        p.put("memberflow.circle.api-url", VENDORS.url("/circle").toString());
        p.put("memberflow.kit.api-key", KIT_KEY);
        p.put("memberflow.kit.api-url", VENDORS.url("/kit").toString());
        p.put("memberflow.admin.token", ADMIN_TOKEN);
        p.put("memberflow.plans.pro.stripe-price-ids", "price_logs");
        p.put("memberflow.plans.pro.circle-access-group-ids", "101");
        p.put("memberflow.plans.pro.kit-tag-ids", "9001");
        p.put("memberflow.kit.lifecycle-tag-ids.refunded", "9102");
        return p;
    }

    @AfterAll
    void stop() throws IOException {
        VENDORS.shutdown();
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    WorkflowGateway gateway;

    @Test
    void givenFailuresThatEchoSecretsAndEmails_thenNoLogLineContainsThem() {
        String customer = "cus_logs" + System.nanoTime();
        StripeEvents events = new StripeEvents(customer, EMAIL, System.currentTimeMillis() / 1000);
        HttpResult.exchange(http.toBlocking(), Webhooks.signed(events.checkoutCompleted("sub_l", "price_logs")));
        HttpResult.exchange(http.toBlocking(), Webhooks.signed(events.chargeRefunded("ch_l", 100, 100)));
        HttpResult.exchange(http.toBlocking(), Webhooks.signed("{\"id\":\"evt_bad\"}", "whsec_wrong_" + EMAIL, System.currentTimeMillis() / 1000));
        HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/customers/" + customer).bearerAuth("wrong-" + ADMIN_TOKEN));

        Eventually.await("the Circle failure to be recorded", Duration.ofSeconds(20),
                () -> gateway.existing(customer).state(), // a later Kit failure may replace lastFailure: read the timeline
                r -> r.timeline().stream().anyMatch(e -> e.kind().equals("failure") && e.text().contains("401")));

        List<String> lines;
        synchronized (LINES) {
            lines = List.copyOf(LINES);
        }
        assertThat(lines).isNotEmpty();
        assertThat(lines).anyMatch(l -> l.contains(customer));
        for (String planted : List.of(EMAIL, CIRCLE_TOKEN, KIT_KEY, ADMIN_TOKEN, Webhooks.SECRET, Webhooks.ROLLED_SECRET)) {
            assertThat(lines).as("log lines containing " + planted).noneMatch(l -> l.contains(planted));
        }
    }
}
