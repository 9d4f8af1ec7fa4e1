package io.memberflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import io.memberflow.intake.EventFacts;
import io.memberflow.intake.StripeEventReader;
import io.memberflow.standin.StripeStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's Stripe objects, served by the Stripe stand-in and read through stripe-java as memberflow reads them. */
class BenchStripeObjectsTest {
    private final StripeStandIn stripe = new StripeStandIn("sk_test_bench", Duration.ZERO, 0);
    private final StripeObjects ada = new StripeObjects("ada1", "ada@example.test", "price_bench_pro", 1_764_000_000L);
    private final StripeClient client = StripeClient.builder().setApiKey("sk_test_bench").setApiBase(stripe.apiBase())
            .setMaxNetworkRetries(0).build();

    BenchStripeObjectsTest() throws Exception {
        ada.putInto(stripe);
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
    void stripeJavaRetrievesOneSubscriptionAndTheChargesCustomer() throws Exception {
        assertThat(client.v1().subscriptions().retrieve("sub_ada1").getItems().getData().get(0).getPrice().getId())
                .isEqualTo("price_bench_pro");
        assertThat(client.v1().charges().retrieve("ch_ada1").getCustomer()).isEqualTo("cus_ada1");
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
