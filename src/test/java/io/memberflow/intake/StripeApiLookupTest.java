package io.memberflow.intake;

import io.memberflow.inbox.InboxRelay;
import io.memberflow.inbox.InboxRows;
import io.memberflow.inbox.InboxStatus;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With STRIPE_API_KEY: disputes find their customer in the relay (never on the request path); billing reads. */
@MicronautTest(transactional = false)
class StripeApiLookupTest implements DatabaseTest {
    static final MockWebServer STRIPE = new MockWebServer();
    static final java.util.concurrent.atomic.AtomicBoolean KNOWN_LATER = new java.util.concurrent.atomic.AtomicBoolean();

    static {
        STRIPE.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (!"Bearer sk_test_lookup".equals(request.getHeader("Authorization"))) {
                    return new MockResponse().setResponseCode(401).setBody("{\"error\":{\"message\":\"bad key\"}}");
                }
                if (path.equals("/v1/charges/ch_later") && KNOWN_LATER.get()) {
                    return json("{\"id\":\"ch_later\",\"object\":\"charge\",\"customer\":\"cus_found_later\"}");
                }
                if (path.equals("/v1/charges/ch_disputed")) {
                    return json("{\"id\":\"ch_disputed\",\"object\":\"charge\",\"customer\":\"cus_found_by_charge\",\"amount\":2900}");
                }
                if (path.equals("/v1/customers/cus_sub_live")) {
                    return json("{\"id\":\"cus_sub_live\",\"object\":\"customer\",\"email\":\"now@example.com\",\"name\":\"Ada\"}");
                }
                if (path.equals("/v1/subscriptions") && "cus_sub_live".equals(request.getRequestUrl().queryParameter("customer"))
                        && "all".equals(request.getRequestUrl().queryParameter("status"))) {
                    return json("""
                            {"object":"list","url":"/v1/subscriptions","has_more":false,"data":[
                             {"id":"sub_old","object":"subscription","customer":"cus_sub_live","status":"canceled",
                              "cancel_at_period_end":false,"created":1600000000,
                              "items":{"object":"list","data":[{"id":"si_0","object":"subscription_item",
                                "current_period_end":1650000000,"price":{"id":"price_then","object":"price"}}]}},
                             {"id":"sub_live","object":"subscription","customer":"cus_sub_live","status":"past_due",
                              "cancel_at_period_end":true,"created":1700000000,
                              "items":{"object":"list","data":[{"id":"si_1","object":"subscription_item",
                                "current_period_end":1900000000,"price":{"id":"price_now","object":"price"}}]}}]}""");
                }
                return new MockResponse().setResponseCode(404).setBody("{\"error\":{\"message\":\"No such object\"}}");
            }
        });
        try {
            STRIPE.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public Map<String, String> extraProperties() {
        String base = STRIPE.url("/").toString();
        return Map.of("memberflow.stripe.api-key", "sk_test_lookup",
                "memberflow.stripe.api-base", base.substring(0, base.length() - 1));
    }

    @AfterAll
    void stop() throws IOException {
        STRIPE.shutdown();
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InboxRows inbox;

    @Inject
    InboxRelay relay;

    @Inject
    ParkedEvents parked;


    @Inject
    io.memberflow.activities.BillingActivities billing;

    @Test
    void givenADisputeNamingOnlyItsCharge_thenIntakeParksItWithoutCallingStripeAndTheRelayResolvesIt() {
        String payload = new StripeEvents("cus_ignored", "x@example.com", System.currentTimeMillis() / 1000)
                .dispute("charge.dispute.created", "ch_disputed", "needs_response");
        int stripeCalls = STRIPE.getRequestCount();

        HttpResult result = HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));

        assertThat(result.body()).contains("needs_customer");
        assertThat(STRIPE.getRequestCount()).as("no Stripe call on the request path").isEqualTo(stripeCalls);
        assertThat(parked.resolve()).isGreaterThanOrEqualTo(1);
        relay.relayDue();
        var row = io.memberflow.support.Eventually.await("delivered", java.time.Duration.ofSeconds(10),
                () -> inbox.findById(Webhooks.eventId(payload)).orElseThrow(), r -> r.status() == InboxStatus.DISPATCHED);
        assertThat(row.customerId()).isEqualTo("cus_found_by_charge");
    }

    @Test
    void givenAParkedDisputeWhoseChargeStripeKnowsLater_thenTheRelayFindsItsCustomerAndDeliversIt() {
        String payload = new StripeEvents("cus_ignored", "x@example.com", System.currentTimeMillis() / 1000)
                .dispute("charge.dispute.created", "ch_later", "needs_response");
        assertThat(HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload)).body()).contains("needs_customer");
        parked.resolve();
        assertThat(inbox.findById(Webhooks.eventId(payload)).orElseThrow().status()).isEqualTo(InboxStatus.NEEDS_CUSTOMER);

        KNOWN_LATER.set(true);
        inbox.dueAt(Webhooks.eventId(payload), java.time.Instant.now().minusSeconds(1), "due now");
        assertThat(parked.resolve()).isEqualTo(1);
        relay.relayDue();

        var row = io.memberflow.support.Eventually.await("delivered", java.time.Duration.ofSeconds(10),
                () -> inbox.findById(Webhooks.eventId(payload)).orElseThrow(), r -> r.status() == InboxStatus.DISPATCHED);
        assertThat(row.customerId()).isEqualTo("cus_found_later");
        assertThat(row.normalized()).contains("cus_found_later");
    }

    @Test
    void givenACustomerWithAnOldAndACurrentSubscription_thenTheReadGivesStripesStateNow() {
        io.memberflow.domain.BillingSnapshot s = billing.readBilling("cus_sub_live");

        assertThat(s.found()).isTrue();
        assertThat(s.email()).isEqualTo("now@example.com");
        assertThat(s.subscriptions()).extracting(io.memberflow.domain.BillingSnapshot.SubscriptionFacts::id)
                .containsExactly("sub_old", "sub_live");
        var live = s.subscriptions().get(1);
        assertThat(live.status()).isEqualTo("past_due");
        assertThat(live.priceIds()).containsExactly("price_now");
        assertThat(live.cancelAtPeriodEnd()).isTrue();
        assertThat(live.currentPeriodEnd()).isEqualTo(1_900_000_000L);
    }

    @Test
    void givenACustomerStripeDoesNotKnow_thenTheReadSaysNotFoundInsteadOfFailing() {
        assertThat(billing.readBilling("cus_nobody").found()).isFalse();
    }
}
