package io.memberflow.intake;

import io.memberflow.config.TemporalProperties;
import io.memberflow.domain.BillingEvent;
import io.memberflow.persistence.InboxRepository;
import io.memberflow.persistence.InboxStatus;
import io.memberflow.simulate.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.memberflow.workflow.WorkflowGateway;
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

@MicronautTest
class InboxRelayTest implements DatabaseTest {

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("test.flaky-gateway", "true");
    }

    /** The real gateway, with a switch that makes Temporal unreachable. */
    @Singleton
    @Replaces(WorkflowGateway.class)
    @Requires(property = "test.flaky-gateway", value = "true")
    static class FlakyGateway extends WorkflowGateway {
        volatile boolean down;
        int refused;

        FlakyGateway(WorkflowClient client, TemporalProperties properties) {
            super(client, properties);
        }

        @Override
        public void deliver(BillingEvent event) {
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

    @Test
    void givenTemporalIsDown_thenEventIsAcknowledgedKeptAndDeliveredByTheRelayOnceItIsBack() {
        String customer = "cus_relay" + System.nanoTime();
        String payload = new StripeEvents(customer, "relay@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_1", "price_x", 500);
        String eventId = Webhooks.eventId(payload);
        gateway.down = true;

        HttpResult result = HttpResult.exchange(http.toBlocking(), Webhooks.signed(payload));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("queued");
        var row = inbox.findById(eventId).orElseThrow();
        assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
        assertThat(row.attempts()).isEqualTo(1);

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
    void backoffDoublesFromTwoSecondsUpToFiveMinutes() {
        assertThat(InboxRelay.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(InboxRelay.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(InboxRelay.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(InboxRelay.backoff(30)).isEqualTo(Duration.ofMinutes(5));
    }
}
