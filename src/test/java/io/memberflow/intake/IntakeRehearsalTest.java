package io.memberflow.intake;

import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxRows;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Webhooks;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up rehearsal takes deliveries through the whole intake and leaves nothing behind. */
@MicronautTest
class IntakeRehearsalTest implements DatabaseTest {

    @Inject
    IntakeRehearsal rehearsal;

    @Inject
    EventIntake intake;

    @Inject
    InboxRows rows;

    @Inject
    Inbox inbox;

    @Test
    void givenAStart_thenTheConfiguredDeliveriesWereRehearsedAndNoneWasRecorded() {
        assertThat(rehearsal.rehearsed()).isEqualTo(6); // application-test.yml
        for (String id : new String[] {"evt_warm_up_c0", "evt_warm_up_s0", "evt_warm_up_i0", "evt_warm_up_i1"}) {
            assertThat(rows.findById(id)).as(id).isEmpty();
        }
        assertThat(inbox.recentIds("cus_warm_up_0")).isEmpty();
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
}
