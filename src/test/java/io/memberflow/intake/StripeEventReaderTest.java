package io.memberflow.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.StripeShapes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeEventReaderTest {
    private final StripeEventReader reader = new StripeEventReader(new ObjectMapper());

    private EventFacts read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenCurrentApiLayout_thenSubscriptionFactsAreRead() {
        String json = new StripeEvents("cus_1", "a@example.com", 1_700_000_000L)
                .subscription("customer.subscription.updated", "sub_1", "past_due", "price_pro", true);
        EventFacts f = read(json);
        assertThat(f.customerId()).isEqualTo("cus_1");
        assertThat(f.subscriptionId()).isEqualTo("sub_1");
        assertThat(f.subscriptionStatus()).isEqualTo("past_due");
        assertThat(f.priceIds()).containsExactly("price_pro");
        assertThat(f.cancelAtPeriodEnd()).isTrue();
        assertThat(f.currentPeriodEnd()).isEqualTo(1_700_000_000L + 30 * 86_400L);
        assertThat(f.created()).isEqualTo(1_700_000_000L);
    }

    @Test
    void givenAnOlderApiVersionThanStripeJavaPins_thenTheOldLayoutIsReadToo() {
        String json = """
                {"id":"evt_old","object":"event","api_version":"2019-02-19","created":1600000000,
                 "type":"invoice.payment_failed","data":{"object":{"object":"invoice","id":"in_1","customer":"cus_old",
                 "subscription":"sub_old","amount_paid":0,"customer_email":"old@example.com",
                 "lines":{"data":[{"plan":{"id":"plan_legacy"},"price":{"id":"price_legacy"}}]}}}}""";
        EventFacts f = read(json);
        assertThat(f.type()).isEqualTo("invoice.payment_failed");
        assertThat(f.customerId()).isEqualTo("cus_old");
        assertThat(f.subscriptionId()).isEqualTo("sub_old");
        assertThat(f.priceIds()).containsExactly("price_legacy");
        assertThat(f.amountPaid()).isZero();
        assertThat(f.email()).isEqualTo("old@example.com");
    }

    @Test
    void givenOldSubscriptionLayout_thenPeriodEndIsReadFromTheSubscription() {
        String json = """
                {"id":"evt_o2","object":"event","api_version":"2020-08-27","created":1600000000,
                 "type":"customer.subscription.updated","data":{"object":{"object":"subscription","id":"sub_o",
                 "customer":"cus_o","status":"active","cancel_at_period_end":true,"current_period_end":1602592000,
                 "items":{"data":[{"price":{"id":"price_o"}}]}}}}""";
        EventFacts f = read(json);
        assertThat(f.currentPeriodEnd()).isEqualTo(1_602_592_000L);
        assertThat(f.priceIds()).containsExactly("price_o");
    }

    @Test
    void givenADispute_thenTheChargeIsNamedForCustomerResolution() {
        EventFacts f = read(new StripeEvents("cus_1", "a@example.com", 1_700_000_000L).dispute("charge.dispute.created", "ch_9", "needs_response"));
        assertThat(f.customerId()).isNull();
        assertThat(f.chargeToResolve()).isEqualTo("ch_9");
        assertThat(f.disputeStatus()).isEqualTo("needs_response");
        assertThat(f.disputeReason()).isEqualTo("fraudulent");
    }

    @Test
    void givenAGuestCheckoutWithoutCustomer_thenAStableIdIsDerivedFromTheEmailWithoutShowingIt() {
        String json = """
                {"id":"evt_g","object":"event","created":1700000000,"type":"checkout.session.completed","data":{"object":
                 {"object":"checkout.session","id":"cs_1","customer":null,"mode":"payment","payment_status":"paid",
                  "customer_details":{"email":" Guest@Example.com "}}}}""";
        EventFacts f = read(json);
        assertThat(f.customerId()).startsWith("guest_").doesNotContain("example").hasSize(22);
        assertThat(f.customerId()).isEqualTo(StripeEventReader.guestCustomerId("guest@example.com"));
    }

    @Test
    void givenAFullRefund_thenAmountsAreRead() {
        EventFacts f = read(new StripeEvents("cus_1", "a@example.com", 1_700_000_000L).chargeRefunded("ch_1", 2900, 2900));
        assertThat(f.amount()).isEqualTo(2900);
        assertThat(f.amountRefunded()).isEqualTo(2900);
        assertThat(f.chargeId()).isEqualTo("ch_1");
    }

    @Test
    void givenTheTwoApiLayouts_thenEachPaymentIdTheLayoutCarriesIsRead() {
        StripeShapes old = new StripeShapes("cus_1", "a@example.com", StripeShapes.Layout.V2024_06_20);
        StripeShapes basil = new StripeShapes("cus_1", "a@example.com", StripeShapes.Layout.BASIL);
        long t = 1_700_000_000L;

        EventFacts oldInvoice = read(old.invoicePaid("evt_1", t, "in_1", "sub_1", "ch_1", "pi_1", 0, "subscription_create", "price_pro"));
        assertThat(oldInvoice.chargeId()).isEqualTo("ch_1");
        assertThat(oldInvoice.paymentIntentId()).isEqualTo("pi_1");
        assertThat(oldInvoice.billingReason()).isEqualTo("subscription_create");
        assertThat(oldInvoice.amountPaid()).isZero();
        EventFacts newInvoice = read(basil.invoicePaid("evt_2", t, "in_2", "sub_1", "ch_2", "pi_2", 2900, "manual", "price_pro"));
        assertThat(newInvoice.chargeId()).as("basil: an invoice names no charge").isNull();
        assertThat(newInvoice.paymentIntentId()).isNull();
        assertThat(newInvoice.subscriptionId()).isEqualTo("sub_1");
        assertThat(newInvoice.billingReason()).isEqualTo("manual");
        assertThat(read(basil.invoicePaid("evt_3", t, "in_3", null, null, null, 2900, "manual", "price_pro")).subscriptionId()).isNull();

        assertThat(read(old.chargeRefunded("evt_4", t, "ch_1", t - 60, "in_1", "pi_1", 2900)).invoiceId()).isEqualTo("in_1");
        EventFacts refund = read(basil.chargeRefunded("evt_5", t, "ch_1", t - 60, "in_1", "pi_1", 2900));
        assertThat(refund.invoiceId()).as("basil: a charge names no invoice").isNull();
        assertThat(refund.paymentIntentId()).isEqualTo("pi_1");

        EventFacts checkout = read(basil.checkoutCompleted("evt_6", t, "cs_1", "payment", "paid", null, "in_9", "pi_9", 29900));
        assertThat(checkout.checkoutMode()).isEqualTo("payment");
        assertThat(checkout.invoiceId()).isEqualTo("in_9");
        assertThat(checkout.paymentIntentId()).isEqualTo("pi_9");
    }

    @Test
    void givenAnInvoiceWithItsPaymentsExpanded_thenItsPaymentIntentIsRead() {
        String json = """
                {"id":"evt_x","object":"event","api_version":"2025-08-27.basil","created":1700000000,"type":"invoice.paid",
                 "data":{"object":{"object":"invoice","id":"in_1","customer":"cus_1","amount_paid":2900,
                 "payments":{"data":[{"object":"invoice_payment","payment":{"type":"payment_intent","payment_intent":"pi_7"}}]}}}}""";
        assertThat(read(json).paymentIntentId()).isEqualTo("pi_7");
    }

    @Test
    void givenAThinEvent_thenItIsRejectedAsMalformed() {
        assertThatThrownBy(() -> read("{\"id\":\"evt_t\",\"object\":\"v2.core.event\",\"type\":\"x\",\"created\":1700000000}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("thin");
    }

    @Test
    void givenNoDataObject_thenItIsRejectedAsMalformed() {
        assertThatThrownBy(() -> read("{\"id\":\"evt_t\",\"object\":\"event\",\"type\":\"x\",\"created\":1700000000}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("data.object");
    }

    private static String event(String id, String type, long created, String customer) {
        return "{\"id\":" + json(id) + ",\"object\":\"event\",\"created\":" + created + ",\"type\":" + json(type)
                + ",\"data\":{\"object\":{\"object\":\"customer\",\"id\":" + json(customer) + "}}}";
    }

    private static String json(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenAnOverlongOrControlCharacterId_thenTheEventIsMalformedWithoutEchoingIt() {
        long now = System.currentTimeMillis() / 1000;
        assertThatThrownBy(() -> read(event("evt_" + "x".repeat(300), "customer.updated", now, "cus_1")))
                .isInstanceOf(MalformedEventException.class).hasMessage("id must be 1 to 255 visible ASCII characters");
        assertThatThrownBy(() -> read(event("evt_a\u0000b", "customer.updated", now, "cus_1")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> read(event("evt_forged\nINFO admin granted", "customer.updated", now, "cus_1")))
                .isInstanceOf(MalformedEventException.class).hasMessageNotContaining("forged");
        assertThatThrownBy(() -> read(event("evt_ok", "customer.updated\t", now, "cus_1")))
                .isInstanceOf(MalformedEventException.class).hasMessageStartingWith("type");
        assertThatThrownBy(() -> read(event("evt_ok", "customer.updated", now, "cus_" + "9".repeat(256))))
                .isInstanceOf(MalformedEventException.class).hasMessageStartingWith("object id");
        assertThat(read(event("evt_" + "x".repeat(251), "customer.updated", now, "cus_1")).eventId()).hasSize(255);
    }

    @Test
    void givenAnAbsurdCreatedTimestamp_thenTheEventIsMalformed() {
        long now = System.currentTimeMillis() / 1000;
        assertThatThrownBy(() -> read(event("evt_f", "customer.updated", now + 2 * 86_400, "cus_1")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("created");
        assertThatThrownBy(() -> read(event("evt_p", "customer.updated", 1_000_000_000L, "cus_1")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> read(event("evt_n", "customer.updated", -5, "cus_1")))
                .isInstanceOf(MalformedEventException.class);
        assertThat(read(event("evt_soon", "customer.updated", now + 3600, "cus_1")).created()).isEqualTo(now + 3600);
    }
}
