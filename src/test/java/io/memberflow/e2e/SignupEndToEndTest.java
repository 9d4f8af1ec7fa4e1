package io.memberflow.e2e;

import io.memberflow.domain.MemberStatus;
import io.memberflow.simulate.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.memberflow.workflow.CustomerRecord;
import io.memberflow.temporal.WorkflowGateway;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stripe webhook in, through the real workflow and activities, out to stand-in Circle and Kit servers. */
@MicronautTest
class SignupEndToEndTest implements DatabaseTest {
    private static final MockWebServer CIRCLE = new MockWebServer();
    private static final MockWebServer KIT = new MockWebServer();
    private static final List<String> VENDOR_CALLS = Collections.synchronizedList(new ArrayList<>());

    static {
        CIRCLE.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                VENDOR_CALLS.add("circle " + request.getMethod() + " " + request.getRequestUrl().encodedPath());
                String path = request.getRequestUrl().encodedPath();
                if (path.endsWith("/community_members/search")) {
                    return json(404, "{\"success\":false,\"message\":\"Missing record: community member\"}");
                }
                if (path.endsWith("/community_members") && request.getMethod().equals("POST")) {
                    return json(201, "{\"message\":\"created\",\"community_member\":{\"id\":77,\"email\":\"e2e@example.com\",\"active\":true}}");
                }
                return json(201, "{\"message\":\"added\"}");
            }
        });
        KIT.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                VENDOR_CALLS.add("kit " + request.getMethod() + " " + request.getRequestUrl().encodedPath());
                if (request.getRequestUrl().encodedPath().endsWith("/subscribers")) {
                    return json(201, "{\"subscriber\":{\"id\":555,\"email_address\":\"e2e@example.com\",\"state\":\"active\"}}");
                }
                return json(201, "{\"subscriber\":{\"id\":555,\"tagged_at\":\"2026-11-25T00:00:00Z\"}}");
            }
        });
        try {
            CIRCLE.start();
            KIT.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("memberflow.circle.api-token", "circle-secret-token");
        p.put("memberflow.circle.api-url", CIRCLE.url("/api/admin/v2").toString());
        p.put("memberflow.kit.api-key", "kit-secret-key");
        p.put("memberflow.kit.api-url", KIT.url("/v4").toString());
        p.put("memberflow.plans.pro.stripe-price-ids[0]", "price_e2e_pro");
        p.put("memberflow.plans.pro.circle-access-group-ids[0]", "101");
        p.put("memberflow.plans.pro.kit-tag-ids[0]", "9001");
        return p;
    }

    @AfterAll
    void stopServers() throws IOException {
        CIRCLE.shutdown();
        KIT.shutdown();
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    WorkflowGateway gateway;

    @Test
    void givenASignupThroughTheWebhook_thenTheMemberGetsCircleAccessAndThenKitTags() throws Exception {
        String customer = "cus_e2e" + System.nanoTime();
        StripeEvents events = new StripeEvents(customer, "e2e@example.com", System.currentTimeMillis() / 1000);

        HttpResult result = HttpResult.exchange(http.toBlocking(),
                Webhooks.signed(events.checkoutCompleted("sub_e2e", "price_e2e_pro")));
        assertThat(result.status()).isEqualTo(200);

        CustomerRecord state = Eventually.await("access and tags applied", Duration.ofSeconds(20),
                () -> gateway.existing(customer).state(),
                r -> r.member().applied().accessGroupIds().contains(101L) && r.member().applied().tagIds().contains(9001L));

        assertThat(state.member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(state.member().planName()).isEqualTo("pro");
        List<String> calls = List.copyOf(VENDOR_CALLS);
        assertThat(calls).containsSubsequence(
                "circle GET /api/admin/v2/community_members/search",
                "circle POST /api/admin/v2/community_members",
                "circle POST /api/admin/v2/access_groups/101/community_members",
                "kit POST /v4/subscribers",
                "kit POST /v4/tags/9001/subscribers");
        RecordedRequest first = CIRCLE.takeRequest();
        assertThat(first.getHeader("Authorization")).isEqualTo("Bearer circle-secret-token");
    }
}
