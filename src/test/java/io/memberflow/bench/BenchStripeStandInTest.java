package io.memberflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import io.memberflow.intake.EventFacts;
import io.memberflow.intake.StripeEventReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchStripeStandInTest {
    private final StripeStandIn stripe = new StripeStandIn("sk_test_bench", Duration.ZERO, 0);
    private final StripeObjects ada = new StripeObjects("ada1", "ada@example.test", "price_bench_pro", 1_764_000_000L);
    private final StripeClient client = StripeClient.builder().setApiKey("sk_test_bench").setApiBase(stripe.apiBase())
            .setMaxNetworkRetries(0).build();

    BenchStripeStandInTest() throws Exception {
        stripe.put(ada);
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void stripeJavaRetrievesTheCustomerItWasGiven() throws Exception {
        Customer customer = client.v1().customers().retrieve("cus_ada1");

        assertThat(customer.getId()).isEqualTo("cus_ada1");
        assertThat(customer.getEmail()).isEqualTo("ada@example.test");
        assertThat(customer.getDeleted()).isNull();
        assertThat(stripe.counts()).containsEntry("GET customer", 1L);
    }

    @Test
    void stripeJavaListsTheCustomersSubscriptionsWithTheirPriceAndPeriod() throws Exception {
        StripeCollection<Subscription> list = client.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer("cus_ada1").setStatus(SubscriptionListParams.Status.ALL).setLimit(100L).build());

        assertThat(list.getHasMore()).isFalse();
        assertThat(list.getData()).hasSize(1);
        Subscription s = list.getData().get(0);
        assertThat(s.getStatus()).isEqualTo("active");
        assertThat(s.getCustomer()).isEqualTo("cus_ada1");
        assertThat(s.getItems().getData().get(0).getPrice().getId()).isEqualTo("price_bench_pro");
        assertThat(s.getItems().getData().get(0).getCurrentPeriodEnd()).isEqualTo(1_764_000_000L + 30 * 86_400L);
        assertThat(stripe.counts()).containsEntry("GET subscriptions list", 1L);
    }

    @Test
    void anotherCustomersSubscriptionsAreNotListed() throws Exception {
        StripeCollection<Subscription> list = client.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer("cus_someone_else").setStatus(SubscriptionListParams.Status.ALL).build());

        assertThat(list.getData()).isEmpty();
    }

    @Test
    void stripeJavaRetrievesOneSubscriptionAndTheChargesCustomer() throws Exception {
        assertThat(client.v1().subscriptions().retrieve("sub_ada1").getItems().getData().get(0).getPrice().getId())
                .isEqualTo("price_bench_pro");
        assertThat(client.v1().charges().retrieve("ch_ada1").getCustomer()).isEqualTo("cus_ada1");
    }

    @Test
    void anUnknownCustomerIsStripesResourceMissingError() {
        assertThatThrownBy(() -> client.v1().customers().retrieve("cus_nobody"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
    }

    @Test
    void aWrongApiKeyIsRefused() {
        StripeClient wrong = StripeClient.builder().setApiKey("sk_test_wrong").setApiBase(stripe.apiBase()).build();

        assertThatThrownBy(() -> wrong.v1().customers().retrieve("cus_ada1")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void theJourneysEventsReadAsTheCustomersSubscriptionAndPaidPrice() {
        StripeEventReader reader = new StripeEventReader(new ObjectMapper());

        EventFacts checkout = read(reader, "checkout.session.completed");
        EventFacts created = read(reader, "customer.subscription.created");
        EventFacts paid = read(reader, "invoice.paid");

        assertThat(checkout.customerId()).isEqualTo("cus_ada1");
        assertThat(checkout.email()).isEqualTo("ada@example.test");
        assertThat(checkout.subscriptionId()).isEqualTo("sub_ada1");
        assertThat(created.subscriptionStatus()).isEqualTo("active");
        assertThat(created.priceIds()).containsExactly("price_bench_pro");
        assertThat(paid.subscriptionId()).isEqualTo("sub_ada1");
        assertThat(paid.priceIds()).containsExactly("price_bench_pro");
    }

    private EventFacts read(StripeEventReader reader, String type) {
        return reader.read(JourneySender.payload(ada, type).getBytes(StandardCharsets.UTF_8));
    }
}
