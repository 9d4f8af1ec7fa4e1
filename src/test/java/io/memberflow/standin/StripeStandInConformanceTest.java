package io.memberflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The facts {@link StripeStandIn} follows, each with its source (the request shapes themselves are checked against
 * Stripe's own mock, stripe-mock, in StripeReadsAgainstStripeMockE2E). Sources:
 * <ul>
 *   <li>[LIST] https://docs.stripe.com/api/subscriptions/list: without {@code status} canceled subscriptions are left
 *       out, {@code status=all} includes them; {@code customer} filters;</li>
 *   <li>[PAGE] https://docs.stripe.com/api/pagination: {@code {object:"list", url, has_more, data}}, {@code limit} 1 to
 *       100 (default 10), {@code starting_after}, newest first;</li>
 *   <li>[ERR] https://docs.stripe.com/api/errors: {@code {error:{type, code, message}}}, 404 {@code resource_missing},
 *       401 for a wrong key;</li>
 *   <li>[DEL] https://docs.stripe.com/api/customers/retrieve: a deleted customer reads {@code {id, object, deleted:true}}.</li>
 * </ul>
 */
class StripeStandInConformanceTest {
    private final StripeStandIn stripe = start();
    private final StripeClient client = StripeClient.builder().setApiKey("sk_test_x").setApiBase(stripe.apiBase())
            .setMaxNetworkRetries(0).build();

    private static StripeStandIn start() {
        try {
            return new StripeStandIn("sk_test_x", Duration.ZERO, 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    private static ObjectNode subscription(String id, String customer, String status, long created) {
        ObjectNode s = StandIn.JSON.createObjectNode();
        s.put("id", id).put("object", "subscription").put("customer", customer).put("status", status).put("created", created);
        return s;
    }

    private Http.Answer get(String path) {
        return Http.send("GET", stripe.apiBase() + path, null, "Authorization", "Bearer sk_test_x");
    }

    @Test
    void aSubscriptionListLeavesCanceledOnesOutUnlessStatusIsAll() throws Exception {
        // [LIST]
        stripe.putSubscription(subscription("sub_a", "cus_1", "active", 100));
        stripe.putSubscription(subscription("sub_c", "cus_1", "canceled", 200));
        stripe.putSubscription(subscription("sub_x", "cus_2", "active", 300));

        StripeCollection<Subscription> live = client.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer("cus_1").build());
        StripeCollection<Subscription> all = client.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer("cus_1").setStatus(SubscriptionListParams.Status.ALL).build());

        assertThat(live.getData()).extracting(Subscription::getId).containsExactly("sub_a");
        assertThat(all.getData()).extracting(Subscription::getId).containsExactly("sub_c", "sub_a");
        assertThat(stripe.counts()).containsEntry("GET subscriptions list", 2L);
    }

    @Test
    void listsPageNewestFirstTenByDefaultWithStartingAfterAndRefuseALimitOverAHundred() throws Exception {
        // [PAGE]
        for (int i = 0; i < 25; i++) {
            stripe.putSubscription(subscription("sub_" + (100 + i), "cus_" + i, "active", 1_000 + i));
        }

        JsonNode first = get("/v1/subscriptions").json();
        Http.Answer tooMany = get("/v1/subscriptions?limit=101");
        List<String> ids = new ArrayList<>();
        String after = null;
        boolean more;
        do {
            SubscriptionListParams.Builder p = SubscriptionListParams.builder().setLimit(10L);
            if (after != null) {
                p.setStartingAfter(after);
            }
            StripeCollection<Subscription> page = client.v1().subscriptions().list(p.build());
            page.getData().forEach(s -> ids.add(s.getId()));
            after = page.getData().isEmpty() ? null : page.getData().get(page.getData().size() - 1).getId();
            more = page.getHasMore();
        } while (more);

        assertThat(first.path("object").asText()).isEqualTo("list");
        assertThat(first.path("url").asText()).isEqualTo("/v1/subscriptions");
        assertThat(first.path("data")).hasSize(10);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("data").get(0).path("id").asText()).isEqualTo("sub_124");
        assertThat(ids).hasSize(25).doesNotHaveDuplicates().startsWith("sub_124");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void anUnknownIdIsResourceMissingAndAWrongKey401() {
        // [ERR]
        assertThatThrownBy(() -> client.v1().customers().retrieve("cus_nobody"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
        StripeClient wrong = StripeClient.builder().setApiKey("sk_test_wrong").setApiBase(stripe.apiBase())
                .setMaxNetworkRetries(0).build();
        assertThatThrownBy(() -> wrong.v1().customers().retrieve("cus_1")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aDeletedCustomerReadsAsDeleted() throws Exception {
        // [DEL]
        ObjectNode customer = StandIn.JSON.createObjectNode();
        customer.put("id", "cus_gone").put("object", "customer").put("email", "gone@example.com");
        stripe.putCustomer(customer);
        stripe.deleteCustomer("cus_gone");

        assertThat(client.v1().customers().retrieve("cus_gone").getDeleted()).isTrue();
        assertThat(get("/v1/customers/cus_gone").json().has("email")).isFalse();
    }
}
