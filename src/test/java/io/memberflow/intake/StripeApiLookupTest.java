package io.memberflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.persistence.InboxRepository;
import io.memberflow.persistence.InboxStatus;
import io.memberflow.simulate.StripeEvents;
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

/** With STRIPE_API_KEY, disputes find their customer and subscription events act on Stripe's current state. */
@MicronautTest
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
                if (path.equals("/v1/subscriptions/sub_live")) {
                    return json("""
                            {"id":"sub_live","object":"subscription","customer":"cus_sub_live","status":"past_due",
                             "cancel_at_period_end":true,"created":1700000000,
                             "items":{"object":"list","data":[{"id":"si_1","object":"subscription_item",
                               "current_period_end":1900000000,"price":{"id":"price_now","object":"price"}}]}}""");
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
    InboxRepository inbox;

    @Inject
    InboxRelay relay;


    @Test
    void givenADisputeNamingOnlyItsCharge_thenItsCustomerIsFoundThroughStripeAndTheEventDelivered() {
        String payload = new StripeEvents("cus_ignored", "x@example.com", System.currentTimeMillis() / 1000)
                .dispute("charge.dispute.created", "ch_disputed", "needs_response");

        HttpResult result = HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));

        assertThat(result.body()).contains("dispatched");
        var row = inbox.findById(Webhooks.eventId(payload)).orElseThrow();
        assertThat(row.customerId()).isEqualTo("cus_found_by_charge");
        assertThat(row.status()).isEqualTo(InboxStatus.DISPATCHED);
    }

    @Test
    void givenAParkedDisputeWhoseChargeStripeKnowsLater_thenTheRelayFindsItsCustomerAndDeliversIt() {
        String payload = new StripeEvents("cus_ignored", "x@example.com", System.currentTimeMillis() / 1000)
                .dispute("charge.dispute.created", "ch_later", "needs_response");
        assertThat(HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload)).body()).contains("needs_customer");

        KNOWN_LATER.set(true);
        assertThat(relay.resolveParked()).isEqualTo(1);
        relay.relayDue();

        var row = inbox.findById(Webhooks.eventId(payload)).orElseThrow();
        assertThat(row.customerId()).isEqualTo("cus_found_later");
        assertThat(row.status()).isEqualTo(InboxStatus.DISPATCHED);
        assertThat(row.normalized()).contains("cus_found_later");
    }

    @Test
    void givenAStaleSubscriptionSnapshot_thenTheEventCarriesWhatStripeSaysNow() throws Exception {
        long sent = System.currentTimeMillis() / 1000;
        String payload = new StripeEvents("cus_sub_live", "s@example.com", sent - 3600)
                .subscription("customer.subscription.updated", "sub_live", "active", "price_then", false);

        HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));

        JsonNode event = new ObjectMapper().readTree(inbox.findById(Webhooks.eventId(payload)).orElseThrow().normalized());
        assertThat(event.path("subscriptionStatus").asText()).isEqualTo("past_due");
        assertThat(event.path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(event.path("currentPeriodEnd").asLong()).isEqualTo(1_900_000_000L);
        assertThat(event.path("priceIds").toString()).contains("price_now").doesNotContain("price_then");
        assertThat(event.path("created").asLong()).isGreaterThanOrEqualTo(sent);
    }
}
