package io.memberflow.inbox;

import io.memberflow.config.TemporalProperties;
import io.memberflow.domain.BillingEvent;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.memberflow.temporal.WorkflowGateway;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class InboxRelayTest implements DatabaseTest {

    @Override
    public Map<String, String> extraProperties() {
        // the test drives the relay itself
        return Map.of("test.flaky-gateway", "true", "memberflow.relay.interval", "1h");
    }

    /** The real gateway, with a switch that makes Temporal unreachable. */
    @Singleton
    @Replaces(WorkflowGateway.class)
    @Requires(property = "test.flaky-gateway", value = "true")
    static class FlakyGateway extends WorkflowGateway {
        volatile boolean down;
        volatile java.util.concurrent.CountDownLatch hang;
        int refused;

        FlakyGateway(WorkflowClient client, TemporalProperties properties) {
            super(client, properties);
        }

        @Override
        public void deliver(BillingEvent event) {
            java.util.concurrent.CountDownLatch h = hang;
            if (h != null) {
                try {
                    h.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down) {
                refused++;
                throw new io.grpc.StatusRuntimeException(io.grpc.Status.UNAVAILABLE.withDescription("simulated outage"));
            }
            super.deliver(event);
        }
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    InboxRepository inbox;

    @Inject
    FlakyGateway gateway;

    @Inject
    InboxRelay relay;

    @Inject
    InboxClaims claims;

    @Test
    void givenTemporalIsDown_thenEventIsAcknowledgedKeptAndDeliveredByTheRelayOnceItIsBack() {
        String customer = "cus_relay" + System.nanoTime();
        String payload = new StripeEvents(customer, "relay@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_1", "price_x", 500);
        String eventId = Webhooks.eventId(payload);
        gateway.down = true;

        HttpResult result = HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("recorded");
        Eventually.await("the dispatcher's failed try is noted", Duration.ofSeconds(10),
                () -> inbox.findById(eventId).orElseThrow().attempts(), attempts -> attempts >= 1);
        assertThat(inbox.findById(eventId).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);

        // still down: the relay tries once it is due, fails, and backs off
        Eventually.await("relay attempt while down", Duration.ofSeconds(10), () -> {
            relay.relayDue();
            return inbox.findById(eventId).orElseThrow().attempts();
        }, attempts -> attempts >= 2);
        assertThat(inbox.findById(eventId).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);

        gateway.down = false;
        Eventually.await("relay delivery after recovery", Duration.ofSeconds(15), () -> {
            relay.relayDue();
            return inbox.findById(eventId).orElseThrow().status();
        }, status -> status == InboxStatus.DISPATCHED);

        var state = Eventually.await("workflow applied the relayed event", Duration.ofSeconds(10),
                () -> gateway.existing(customer).state(), s -> s.hasApplied(eventId));
        assertThat(state.eventsApplied()).isEqualTo(1);
    }

    @Test
    void givenTemporalHanging_thenTheWebhookIsAnsweredFromTheInboxWithoutWaitingForIt() {
        String customer = "cus_hang" + System.nanoTime();
        String payload = new StripeEvents(customer, "hang@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_1", "price_x", 500);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        gateway.hang = release;
        try {
            HttpResult result = HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));

            assertThat(release.getCount()).as("Temporal is still hanging when the answer arrives").isEqualTo(1);
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).contains("recorded");
            assertThat(inbox.findById(Webhooks.eventId(payload)).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
        } finally {
            gateway.hang = null;
            release.countDown();
        }
        Eventually.await("delivered once Temporal answers", Duration.ofSeconds(10),
                () -> inbox.findById(Webhooks.eventId(payload)).orElseThrow().status(), st -> st == InboxStatus.DISPATCHED);
    }

    @Test
    void givenTwoRelaysClaimingAtOnce_thenNoEventIsClaimedTwice() throws Exception {
        // long overdue, so they come before any other due row in the shared test database
        java.time.Instant past = java.time.Instant.parse("2001-01-01T00:00:00Z");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            String id = "evt_claim_" + System.nanoTime() + "_" + i;
            ids.add(id);
            inbox.insertIfAbsent(id, "invoice.paid", "cus_claim", "RECEIVED", null, "{}", past, past.plusMillis(i));
        }
        java.time.Instant now = java.time.Instant.now();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var a = pool.submit(() -> claims.claimDue(now, now.plusSeconds(30), 40));
        var b = pool.submit(() -> claims.claimDue(now, now.plusSeconds(30), 40));
        java.util.List<String> first = a.get().stream().map(InboxClaims.Claimed::eventId).filter(ids::contains).toList();
        java.util.List<String> second = b.get().stream().map(InboxClaims.Claimed::eventId).filter(ids::contains).toList();
        pool.shutdown();

        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(first.size() + second.size()).isEqualTo(60);
        assertThat(java.util.List.of(first.size(), second.size())).containsExactlyInAnyOrder(40, 20);
        assertThat(claims.claimDue(now, now.plusSeconds(30), 1000).stream().map(InboxClaims.Claimed::eventId)
                .filter(ids::contains).toList()).as("claimed rows are leased").isEmpty();
    }
}
