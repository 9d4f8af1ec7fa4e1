package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberState;
import io.memberflow.domain.MemberStatus;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records travel in histories as Temporal's JSON: a record written before version {@code charge-facts} (no payments,
 * no payment ids) still reads, with its refund flag seeded into the ledger; a new one reads back equal.
 */
class RecordJsonTest {
    private final DataConverter converter = DefaultDataConverter.newDefaultInstance();

    private <T> T read(String json, Class<T> type) {
        var payload = io.temporal.api.common.v1.Payload.newBuilder()
                .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
                .setData(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8)).build();
        return converter.fromPayload(payload, type, type);
    }

    @Test
    void givenAStateWrittenBeforeTheLedger_thenItsRefundIsSeededIntoIt() {
        MemberState state = read("""
                {"customerId":"cus_1","billingStatus":"ACTIVE","refunded":true,"refundedAsOfSeconds":1700000000,
                 "planName":"pro","subscriptionId":"sub_1"}""", MemberState.class);

        assertThat(state.status()).isEqualTo(MemberStatus.REFUNDED);
        assertThat(state.payments().refunds()).singleElement()
                .satisfies(r -> assertThat(r.atSeconds()).isEqualTo(1_700_000_000L));
    }

    @Test
    void givenAnEventAndAStateWithPaymentFacts_thenTheyReadBackEqual() {
        BillingEvent event = BillingEvent.builder("evt_1", "invoice.paid", 1_700_000_000L, "cus_1").invoiceId("in_1")
                .chargeId("ch_1").paymentIntentId("pi_1").billingReason("subscription_create").amountPaid(0L).build();
        MemberState state = io.memberflow.domain.EntitlementMachineTestAccess.afterOneOff("cus_1");

        assertThat(converter.fromPayload(converter.toPayload(event).orElseThrow(), BillingEvent.class, BillingEvent.class))
                .isEqualTo(event);
        assertThat(converter.fromPayload(converter.toPayload(state).orElseThrow(), MemberState.class, MemberState.class))
                .isEqualTo(state);
        assertThat(read("""
                {"eventId":"evt_old","type":"invoice.paid","created":1700000000,"customerId":"cus_1","amountPaid":2900}""",
                BillingEvent.class).billingReason()).isNull();
    }
}
