package io.memberflow.intake;

import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxRows;
import io.memberflow.inbox.InboxStatus;
import io.memberflow.standin.StripeEvents;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class IntakeIdempotencyTest implements DatabaseTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InboxRows inbox;

    @Inject
    Inbox recent;

    @Inject
    WorkflowGateway gateway;

    private HttpResult post(String payload) {
        return HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));
    }

    private CustomerRecord awaitApplied(String customerId, String eventId) {
        return Eventually.await("event " + eventId + " applied", Duration.ofSeconds(10),
                () -> gateway.existing(customerId).state(), r -> r.hasApplied(eventId));
    }


    @Test
    void givenTheSameEventDeliveredTwice_thenOneInboxRowAndOneAppliedEvent() {
        String customer = "cus_dup" + System.nanoTime();
        String payload = new StripeEvents(customer, "dup@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_1", "price_x", 500);

        HttpResult first = post(payload);
        HttpResult second = post(payload);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("recorded");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("duplicate");
        CustomerRecord state = awaitApplied(customer, Webhooks.eventId(payload));
        assertThat(state.eventsApplied()).isEqualTo(1);
        assertThat(recent.recentIds(customer)).containsExactly(Webhooks.eventId(payload));
    }

    @Test
    void givenConcurrentDeliveriesOfOneEvent_thenExactlyOneIsRecordedAndApplied() throws Exception {
        String customer = "cus_conc" + System.nanoTime();
        StripeEvents events = new StripeEvents(customer, "conc@example.com", System.currentTimeMillis() / 1000);
        String payload = events.subscription("customer.subscription.created", "sub_1", "active", "price_x", false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return post(payload);
            }));
        }
        start.countDown();
        List<String> bodies = new ArrayList<>();
        for (Future<HttpResult> f : results) {
            HttpResult r = f.get();
            assertThat(r.status()).isEqualTo(200);
            bodies.add(r.body());
        }
        pool.shutdown();

        assertThat(bodies.stream().filter(b -> b.contains("recorded")).count()).isEqualTo(1);
        assertThat(bodies.stream().filter(b -> b.contains("duplicate")).count()).isEqualTo(7);
        // a second, different event proves the workflow processed everything before we count
        String later = events.invoice("invoice.paid", "sub_1", "price_x", 500);
        post(later);
        CustomerRecord state = awaitApplied(customer, Webhooks.eventId(later));
        assertThat(state.eventsApplied()).isEqualTo(2);
    }

    @Test
    void givenAnEventTypeMemberflowDoesNotActOn_thenAcknowledgedAndRecordedAsIgnored() {
        String customer = "cus_ign" + System.nanoTime();
        StripeEvents events = new StripeEvents(customer, "ign@example.com", System.currentTimeMillis() / 1000);
        String payload = events.event("payment_method.attached",
                StripeEvents.object("payment_method", "pm_1").put("customer", customer));

        HttpResult result = post(payload);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("ignored");
        assertThat(inbox.findById(Webhooks.eventId(payload))).get().extracting(e -> e.status()).isEqualTo(InboxStatus.IGNORED);
    }

    @Test
    void givenADisputeWithoutCustomerAndNoApiKey_thenParkedAsNeedsCustomer() {
        String payload = new StripeEvents("cus_unknown" + System.nanoTime(), "x@example.com", System.currentTimeMillis() / 1000)
                .dispute("charge.dispute.created", "ch_lost", "needs_response");

        HttpResult result = post(payload);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("needs_customer");
        assertThat(inbox.findById(Webhooks.eventId(payload))).get().extracting(e -> e.status()).isEqualTo(InboxStatus.NEEDS_CUSTOMER);
    }
}
