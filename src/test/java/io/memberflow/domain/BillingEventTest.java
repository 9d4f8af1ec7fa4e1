package io.memberflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BillingEventTest {

    @Test
    void givenMissingIdentity_thenTheEventIsRejected() {
        assertThatThrownBy(() -> BillingEvent.builder(" ", "invoice.paid", 1, "cus_1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> BillingEvent.builder("evt_1", null, 1, "cus_1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> BillingEvent.builder("evt_1", "invoice.paid", 1, "").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customerId");
    }

    @Test
    void givenNoPriceIds_thenTheListIsEmptyNotNull() {
        BillingEvent event = BillingEvent.builder("evt_1", "invoice.paid", 1, "cus_1").priceIds((java.util.List<String>) null)
                .build();

        assertThat(event.priceIds()).isEmpty();
    }

    @Test
    void givenAnEvent_thenToBuilderRoundTripsEveryField() {
        BillingEvent event = BillingEvent.builder("evt_1", "charge.dispute.created", 1, "cus_1")
                .email("a@example.com").name("A").subscriptionId("sub_1").subscriptionStatus("active")
                .priceIds("p1", "p2").cancelAtPeriodEnd(true).currentPeriodEnd(2L)
                .checkoutMode("subscription").paymentStatus("paid").amount(4L).amountPaid(5L).amountRefunded(6L)
                .chargeId("ch").invoiceId("in").disputeId("dp").disputeStatus("lost").disputeReason("fraudulent")
                .build();

        assertThat(event.toBuilder().build()).isEqualTo(event);
        assertThat(event.toBuilder().eventId("evt_2").build().eventId()).isEqualTo("evt_2");
    }
}
