package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.BASIC_GROUP;
import static io.memberflow.domain.Fixtures.NOW;
import static io.memberflow.domain.Fixtures.T;
import static io.memberflow.domain.Fixtures.disputeClosed;
import static io.memberflow.domain.Fixtures.disputeCreated;
import static io.memberflow.domain.Fixtures.invoice;
import static io.memberflow.domain.Fixtures.lifecycleTag;
import static io.memberflow.domain.Fixtures.refund;
import static io.memberflow.domain.MemberStatus.ACTIVE;
import static io.memberflow.domain.MemberStatus.BLOCKED;
import static io.memberflow.domain.MemberStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefundAndDisputeTest {
    private final EntitlementMachine machine = Fixtures.machine();
    private final MemberState active = Fixtures.settled(machine, Fixtures.stateIn(ACTIVE));

    @Test
    void givenFullRefund_thenAccessIsRevoked() {
        Transition t = machine.apply(active, refund("r", T, 1999, 1999), NOW);

        assertThat(t.changed()).isTrue();
        assertThat(t.next().status()).isEqualTo(REFUNDED);
        assertThat(t.next().accessGranted()).isFalse();
        assertThat(machine.desired(t.next())).isEqualTo(new Entitlements(java.util.Set.of(),
                java.util.Set.of(lifecycleTag(REFUNDED))));
    }

    @Test
    void givenPartialRefund_thenNothingChanges() {
        Transition t = machine.apply(active, refund("r", T, 1999, 500), NOW);

        assertThat(t.changed()).isFalse();
        assertThat(t.note()).contains("partial refund");
        assertThat(t.next()).isEqualTo(active);
    }

    @Test
    void givenRefundWithoutAmounts_thenItIsNotTakenAsFull() {
        BillingEvent noAmounts = Fixtures.event("r", "charge.refunded", T).chargeId("ch_1").build();

        assertThat(machine.apply(active, noAmounts, NOW).next().status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenRefundedMemberWhoPaysANewInvoice_thenAccessReturns() {
        MemberState refunded = machine.apply(active, refund("r", T, 1999, 1999), NOW).next();

        MemberState repaid = machine.apply(refunded, invoice("i", "invoice.paid", T + 86_400, "sub_1", 1999), NOW).next();

        assertThat(repaid.refunded()).isFalse();
        assertThat(repaid.status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenDispute_thenTheMemberIsBlockedAndOneSupportTaskIsRequested() {
        BillingEvent dispute = disputeCreated("evt_dispute", T).toBuilder().email("member@example.com").build();

        Transition t = machine.apply(active, dispute, NOW);

        assertThat(t.next().status()).isEqualTo(BLOCKED);
        assertThat(machine.desired(t.next()).accessGroupIds()).isEmpty();
        assertThat(t.supportTasks()).singleElement().satisfies(task -> {
            assertThat(task.kind()).isEqualTo("dispute");
            assertThat(task.causeEventId()).isEqualTo("evt_dispute");
            assertThat(task.summary()).contains("fraudulent", "ch_42", "1999", "dp_7").doesNotContain("@");
        });
    }

    @Test
    void givenSameDisputeDeliveredTwice_thenTheSameTaskRequestIsProducedForIdempotentCreation() {
        Transition first = machine.apply(active, disputeCreated("evt_dispute", T), NOW);
        Transition second = machine.apply(first.next(), disputeCreated("evt_dispute", T), NOW);

        assertThat(second.supportTasks()).isEqualTo(first.supportTasks());
        assertThat(second.next()).isEqualTo(first.next());
    }

    @Test
    void givenEventsOtherThanADisputeOpening_thenNoSupportTaskIsRequested() {
        assertThat(machine.apply(active, refund("r", T, 1999, 1999), NOW).supportTasks()).isEmpty();
        assertThat(machine.apply(active, disputeClosed("c", T, "lost"), NOW).supportTasks()).isEmpty();
    }

    @Test
    void givenWonDispute_thenWhatBillingSaysIsRestored() {
        MemberState blocked = machine.apply(active, disputeCreated("d1", T), NOW).next();

        MemberState won = machine.apply(blocked, disputeClosed("d2", T + 86_400, "won"), NOW).next();

        assertThat(won.status()).isEqualTo(ACTIVE);
        assertThat(machine.desired(won).accessGroupIds()).containsExactly(BASIC_GROUP);
    }

    @Test
    void givenDisputeClosedWithAWarningOnly_thenWhatBillingSaysIsRestored() {
        MemberState blocked = machine.apply(active, disputeCreated("d1", T), NOW).next();

        assertThat(machine.apply(blocked, disputeClosed("d2", T, "warning_closed"), NOW).next().status())
                .isEqualTo(ACTIVE);
    }

    @Test
    void givenLostDispute_thenTheMemberStaysBlocked() {
        MemberState blocked = machine.apply(active, disputeCreated("d1", T), NOW).next();

        Transition lost = machine.apply(blocked, disputeClosed("d2", T + 86_400, "lost"), NOW);

        assertThat(lost.next().status()).isEqualTo(BLOCKED);
        assertThat(lost.changed()).isFalse();
    }

    @Test
    void givenDisputeClosedWithAnUnknownStatus_thenTheBlockStays() {
        MemberState blocked = machine.apply(active, disputeCreated("d1", T), NOW).next();

        assertThat(machine.apply(blocked, disputeClosed("d2", T, "under_review"), NOW).next().status())
                .isEqualTo(BLOCKED);
    }

    @Test
    void givenBillingChangesWhileBlocked_thenTheWonDisputeRestoresTheNewBillingStatus() {
        MemberState blocked = machine.apply(active, disputeCreated("d1", T), NOW).next();
        blocked = machine.apply(blocked, Fixtures.subscription("s", "customer.subscription.deleted", T + 10, "sub_1",
                "canceled"), NOW).next();

        assertThat(blocked.status()).isEqualTo(BLOCKED);
        assertThat(machine.apply(blocked, disputeClosed("d2", T + 20, "won"), NOW).next().status())
                .isEqualTo(MemberStatus.CANCELED);
    }

    @Test
    void givenWonDisputeWhileAlsoOperatorBlocked_thenStillBlocked() {
        MemberState blocked = machine.apply(active.withOperatorBlocked(true), disputeCreated("d1", T), NOW).next();

        assertThat(machine.apply(blocked, disputeClosed("d2", T, "won"), NOW).next().status()).isEqualTo(BLOCKED);
    }

    @Test
    void givenRefundedMemberWhoseDisputeIsWon_thenStillRefunded() {
        MemberState state = machine.apply(active, refund("r", T, 1999, 1999), NOW).next();
        state = machine.apply(state, disputeCreated("d1", T), NOW).next();
        assertThat(state.status()).isEqualTo(BLOCKED);

        assertThat(machine.apply(state, disputeClosed("d2", T, "won"), NOW).next().status()).isEqualTo(REFUNDED);
    }
}
