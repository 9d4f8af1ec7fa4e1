package io.memberflow.intake;

import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxRows;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up rehearsal takes deliveries through the whole webhook path and leaves nothing behind. */
@MicronautTest
class IntakeRehearsalTest implements DatabaseTest {

    @Override
    public java.util.Map<String, String> extraProperties() {
        return java.util.Map.of("memberflow.intake.warm-up-deliveries", "6");
    }

    @Inject
    IntakeRehearsal rehearsal;

    @Inject
    EventIntake intake;

    @Inject
    InboxRows rows;

    @Inject
    Inbox inbox;

    @Inject
    MeterRegistry meters;

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void givenAStart_thenTheConfiguredDeliveriesWereRehearsedOverHttpAndNoneWasRecordedOrCounted() {
        Eventually.await("rehearsal done", Duration.ofSeconds(10), rehearsal::rehearsed, n -> n == 6);
        assertThat(rehearsal.isRehearsal("00".repeat(32))).isFalse(); // over: no token opens it any more
        for (String id : new String[] {"evt_warm_up_c0", "evt_warm_up_s0", "evt_warm_up_i0", "evt_warm_up_i1"}) {
            assertThat(rows.findById(id)).as(id).isEmpty();
        }
        assertThat(inbox.recentIds("cus_warm_up_0")).isEmpty();
        assertThat(meters.find("memberflow.webhook.requests").tag("outcome", "rehearsed").meters()).isEmpty();
    }

    @Test
    void givenADeliveryWithAMadeUpRehearsalToken_thenItIsRecordedLikeAnyOther() {
        String customer = "cus_token" + System.nanoTime();
        String payload = new StripeEvents(customer, "token@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_1", "price_x", 500);

        HttpResult answer = HttpResult.exchange(http.toBlocking(),
                Webhooks.signed(payload).header(IntakeRehearsal.HEADER, "ab".repeat(32)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("recorded");
        assertThat(rows.findById(Webhooks.eventId(payload))).isPresent();
    }

    @Test
    void givenARehearsedDelivery_thenTheSameEventIsStillRecordedWhenItReallyArrives() {
        String customer = "cus_rehearsed" + System.nanoTime();
        String payload = new StripeEvents(customer, "rehearsed@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_1", "price_x", 500);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        String header = Webhooks.signed(payload).getHeaders().get("Stripe-Signature");

        intake.rehearse(body, header);
        assertThat(rows.findById(Webhooks.eventId(payload))).isEmpty();

        assertThat(intake.accept(body, header)).isEqualTo(EventIntake.Outcome.RECORDED);
        assertThat(rows.findById(Webhooks.eventId(payload))).isPresent();
    }

    @Test
    void givenABadSignature_thenARehearsalIsRefusedLikeADelivery() {
        String payload = new StripeEvents("cus_bad", "bad@example.com", System.currentTimeMillis() / 1000)
                .invoice("invoice.paid", "sub_1", "price_x", 500);
        String forged = Webhooks.signed(payload, "whsec_not_ours", System.currentTimeMillis() / 1000)
                .getHeaders().get("Stripe-Signature");

        assertThatThrownBy(() -> intake.rehearse(payload.getBytes(StandardCharsets.UTF_8), forged))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void givenAServerOnEveryAddress_thenTheRehearsalReachesItOnLoopback() {
        EmbeddedServer server = Mockito.mock(EmbeddedServer.class);
        Mockito.when(server.getHost()).thenReturn("0.0.0.0");
        Mockito.when(server.getScheme()).thenReturn("http");
        Mockito.when(server.getPort()).thenReturn(8080);
        assertThat(IntakeRehearsal.webhookUri(server)).hasToString("http://127.0.0.1:8080/webhooks/stripe");

        Mockito.when(server.getHost()).thenReturn("::1");
        assertThat(IntakeRehearsal.webhookUri(server)).hasToString("http://[::1]:8080/webhooks/stripe");
    }
}
