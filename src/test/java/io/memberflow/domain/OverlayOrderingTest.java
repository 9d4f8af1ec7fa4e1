package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.BASIC_GROUP;
import static io.memberflow.domain.Fixtures.NOW;
import static io.memberflow.domain.Fixtures.T;
import static io.memberflow.domain.Fixtures.checkoutPaid;
import static io.memberflow.domain.Fixtures.disputeClosed;
import static io.memberflow.domain.Fixtures.disputeCreated;
import static io.memberflow.domain.Fixtures.invoice;
import static io.memberflow.domain.Fixtures.refund;
import static io.memberflow.domain.MemberStatus.ACTIVE;
import static io.memberflow.domain.MemberStatus.BLOCKED;
import static io.memberflow.domain.MemberStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Refunds and disputes delivered out of order: Stripe does not order webhook deliveries. */
class OverlayOrderingTest {
    private final EntitlementMachine machine = Fixtures.machine();
    private final MemberState active = Fixtures.settled(machine, Fixtures.stateIn(ACTIVE));

    @Test
    void givenOlderInvoicePaidDeliveredAfterFullRefund_thenAccessStaysRevoked() {
        MemberState refunded = apply(active, refund("r", T + 100, 1999, 1999));

        Transition late = machine.apply(refunded, invoice("i", "invoice.paid", T + 50, "sub_1", 1999), NOW);

        assertThat(late.next().status()).isEqualTo(REFUNDED);
        assertThat(late.next().accessGranted()).isFalse();
        assertThat(machine.desired(late.next()).accessGroupIds()).isEmpty();
        assertThat(late.next().refundedAsOfSeconds()).isEqualTo(T + 100);
        assertThat(late.note()).contains("still refunded");
    }

    @Test
    void givenOlderPaidCheckoutDeliveredAfterFullRefund_thenAccessStaysRevoked() {
        MemberState refunded = apply(active, refund("r", T + 100, 1999, 1999));

        assertThat(apply(refunded, checkoutPaid("c", T + 50)).status()).isEqualTo(REFUNDED);
        assertThat(apply(refunded, checkoutPaid("c", T + 150)).status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenPaymentCreatedInTheSameSecondAsTheRefund_thenAccessStaysRevoked() {
        MemberState refunded = apply(active, refund("r", T, 1999, 1999));

        assertThat(apply(refunded, invoice("i", "invoice.paid", T, "sub_1", 1999)).status()).isEqualTo(REFUNDED);
    }

    @Test
    void givenFullRefundRedeliveredAfterANewerPayment_thenAccessStaysRestored() {
        MemberState refunded = apply(active, refund("r", T, 1999, 1999));
        MemberState repaid = apply(refunded, invoice("i", "invoice.paid", T + 10, "sub_1", 1999));

        Transition again = machine.apply(repaid, refund("r", T, 1999, 1999), NOW);

        assertThat(again.next().status()).isEqualTo(ACTIVE);
        assertThat(again.changed()).isFalse();
        assertThat(again.note()).contains("older than a later payment");
    }

    @Test
    void givenTwoFullRefunds_thenOnlyAPaymentNewerThanTheNewestRestoresAccess() {
        MemberState refunded = apply(apply(active, refund("r2", T + 100, 1999, 1999)), refund("r1", T, 1999, 1999));

        assertThat(refunded.refundedAsOfSeconds()).isEqualTo(T + 100);
        assertThat(apply(refunded, invoice("i1", "invoice.paid", T + 50, "sub_1", 1999)).status()).isEqualTo(REFUNDED);
        assertThat(apply(refunded, invoice("i2", "invoice.paid", T + 150, "sub_1", 1999)).status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenTwoOpenDisputesAndOneWon_thenMemberStaysBlocked() {
        MemberState blocked = apply(apply(active, disputeCreated("c1", T, "dp_a")), disputeCreated("c2", T, "dp_b"));

        Transition oneWon = machine.apply(blocked, disputeClosed("w1", T + 10, "won", "dp_a"), NOW);

        assertThat(oneWon.next().status()).isEqualTo(BLOCKED);
        assertThat(oneWon.next().disputed()).isTrue();
        assertThat(oneWon.next().disputes().openIds()).containsExactly("dp_b");
        assertThat(oneWon.changed()).isFalse();
        assertThat(oneWon.note()).contains("other disputes keep the block");
    }

    @Test
    void givenTwoOpenDisputesAndBothWon_thenAccessReturns() {
        MemberState state = apply(apply(active, disputeCreated("c1", T, "dp_a")), disputeCreated("c2", T, "dp_b"));
        state = apply(apply(state, disputeClosed("w1", T + 10, "won", "dp_a")),
                disputeClosed("w2", T + 20, "warning_closed", "dp_b"));

        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(machine.desired(state).accessGroupIds()).containsExactly(BASIC_GROUP);
    }

    @Test
    void givenDisputeClosedWonArrivesBeforeCreated_thenMemberIsNotBlocked() {
        MemberState won = apply(active, disputeClosed("w", T + 10, "won", "dp_a"));

        Transition created = machine.apply(won, disputeCreated("c", T, "dp_a"), NOW);

        assertThat(created.next().status()).isEqualTo(ACTIVE);
        assertThat(created.next().disputed()).isFalse();
        assertThat(created.changed()).isFalse();
        assertThat(created.supportTasks()).isEmpty();
        assertThat(created.note()).contains("opened after it was closed");
    }

    @Test
    void givenDisputeLostArrivesBeforeCreated_thenMemberStaysBlocked() {
        MemberState lost = apply(active, disputeClosed("l", T + 10, "lost", "dp_a"));

        MemberState created = apply(lost, disputeCreated("c", T, "dp_a"));

        assertThat(created.status()).isEqualTo(BLOCKED);
        assertThat(created.disputes().lostIds()).containsExactly("dp_a");
        assertThat(created.disputes().openIds()).isEmpty();
    }

    @Test
    void givenWonAndLostBothReportedForOneDispute_thenLostWinsInEitherOrder() {
        BillingEvent won = disputeClosed("w", T + 10, "won", "dp_a");
        BillingEvent lost = disputeClosed("l", T + 20, "lost", "dp_a");

        assertThat(apply(apply(active, won), lost).status()).isEqualTo(BLOCKED);
        assertThat(apply(apply(active, lost), won).status()).isEqualTo(BLOCKED);
    }

    @Test
    void givenDisputeWithoutAnId_thenAWonClosureWithoutAnIdLiftsIt() {
        MemberState blocked = apply(active, disputeCreated("c", T, null));
        assertThat(blocked.disputes().openIds()).containsExactly(Disputes.UNIDENTIFIED);

        assertThat(apply(blocked, disputeClosed("w", T + 10, "won", null)).status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenDisputedStateWrittenBeforeIdsWereTracked_thenAWonClosureOfAnyDisputeLiftsTheBlock() {
        MemberState legacy = active.toBuilder().disputes(Disputes.none().opened(Disputes.UNIDENTIFIED)).build();
        assertThat(legacy.status()).isEqualTo(BLOCKED);

        assertThat(apply(legacy, disputeClosed("w", T, "won", "dp_unknown_before")).status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenLegacyDisputeAndANewOpenOne_thenWinningTheLegacyOneKeepsTheNewOneBlocking() {
        MemberState state = apply(active.toBuilder().disputes(Disputes.none().opened(Disputes.UNIDENTIFIED)).build(),
                disputeCreated("c", T, "dp_new"));

        MemberState afterWin = apply(state, disputeClosed("w", T + 10, "won", "dp_old"));

        assertThat(afterWin.status()).isEqualTo(BLOCKED);
        assertThat(afterWin.disputes().openIds()).isEqualTo(List.of("dp_new"));
    }

    private MemberState apply(MemberState state, BillingEvent event) {
        return machine.apply(state, event, NOW).next();
    }
}
