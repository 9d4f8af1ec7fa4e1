package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.BASIC_PRICE;
import static io.memberflow.domain.Fixtures.NOW;
import static io.memberflow.domain.Fixtures.T;
import static io.memberflow.domain.Fixtures.event;
import static io.memberflow.domain.Fixtures.invoice;
import static io.memberflow.domain.Fixtures.subscription;
import static io.memberflow.domain.MemberStatus.ACTIVE;
import static io.memberflow.domain.MemberStatus.CANCELED;
import static io.memberflow.domain.MemberStatus.LEAD;
import static io.memberflow.domain.MemberStatus.PAST_DUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderingAndSubscriptionsTest {
    private static final String CREATED = "customer.subscription.created";
    private static final String UPDATED = "customer.subscription.updated";
    private static final String DELETED = "customer.subscription.deleted";

    private final EntitlementMachine machine = Fixtures.machine();

    @Test
    void givenOlderSubscriptionUpdatedAfterANewerOne_thenTheOlderIsIgnoredAsStale() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("new", UPDATED, T + 100, "sub_1", "active"));

        Transition stale = machine.apply(state, subscription("old", UPDATED, T + 50, "sub_1", "past_due"), NOW);

        assertThat(stale.changed()).isFalse();
        assertThat(stale.note()).contains("stale");
        assertThat(stale.next()).isEqualTo(state);
        assertThat(stale.next().billingAsOfSeconds()).isEqualTo(T + 100);
    }

    @Test
    void givenStaleEventAfterTheGraceDeadline_thenTheEventIsIgnoredButTheDeadlineStillTakesEffect() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), invoice("f", "invoice.payment_failed", T + 100, "sub_1", 0));

        Transition stale = machine.apply(state, invoice("old", "invoice.paid", T, "sub_1", 1999),
                state.graceDeadline());

        assertThat(stale.next().status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(stale.note()).startsWith("stale").contains("grace period expired");
        assertThat(stale.changed()).isTrue();
    }

    @Test
    void givenEventCreatedInTheSameSecondAsTheLatest_thenItIsApplied() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("a", UPDATED, T, "sub_1", "active"));

        Transition same = machine.apply(state, invoice("b", "invoice.payment_failed", T, "sub_1", 0), NOW);

        assertThat(same.next().status()).isEqualTo(PAST_DUE);
        assertThat(same.changed()).isTrue();
    }

    @Test
    void givenStaleBillingEventCarryingANewerEmail_thenTheEmailIsTakenButNotTheBillingStatus() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("new", UPDATED, T + 100, "sub_1", "past_due"));

        BillingEvent stale = invoice("old", "invoice.paid", T, "sub_1", 1999).toBuilder().email("checkout@example.com").build();
        MemberState after = apply(state, stale);

        assertThat(after.email()).isEqualTo("checkout@example.com");
        assertThat(after.billingStatus()).isEqualTo(PAST_DUE);
    }

    @Test
    void givenAnOlderContactFactDeliveredLate_thenItNeverOverwritesANewerOne() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), event("u2", "customer.updated", T + 50).email("new@example.com").build());

        MemberState after = apply(state, event("u1", "customer.updated", T + 10).email("older@example.com").build());
        MemberState renewal = apply(after, invoice("inv", "invoice.paid", T + 20, "sub_1", 1999).toBuilder()
                .email("older@example.com").build());

        assertThat(after.email()).isEqualTo("new@example.com");
        assertThat(renewal.email()).isEqualTo("new@example.com");
        assertThat(renewal.contactAsOfSeconds()).isEqualTo(T + 50);
    }

    @Test
    void givenRefundOlderThanTheBillingState_thenItStillAppliesBecauseOverlaysAreNotOrdered() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("new", UPDATED, T + 100, "sub_1", "active"));

        assertThat(apply(state, Fixtures.refund("r", T, 1999, 1999)).status()).isEqualTo(MemberStatus.REFUNDED);
    }

    @Test
    void givenStaleSubscriptionCreatedAfterDeleted_thenAccessIsNotRegranted() {
        MemberState state = apply(Fixtures.stateIn(LEAD), subscription("c", CREATED, T, "sub_1", "active", BASIC_PRICE));
        state = apply(state, subscription("d", DELETED, T + 100, "sub_1", "canceled"));
        assertThat(state.endedSubscriptionIds()).containsExactly("sub_1");

        MemberState redelivered = apply(state, subscription("c", CREATED, T, "sub_1", "active", BASIC_PRICE));

        assertThat(redelivered.status()).isEqualTo(CANCELED);
        assertThat(machine.desired(redelivered).accessGroupIds()).isEmpty();
    }

    @Test
    void givenEventForAnEndedSubscriptionThatIsNotOlder_thenBillingStatusStillDoesNotChange() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("d", DELETED, T, "sub_1", "canceled"));

        Transition late = machine.apply(state, invoice("i", "invoice.paid", T + 10, "sub_1", 1999), NOW);

        assertThat(late.next().status()).isEqualTo(CANCELED);
        assertThat(late.note()).contains("has ended");
        assertThat(late.next().billingAsOfSeconds()).isEqualTo(T);
    }

    @Test
    void givenNewSubscriptionAfterTheOldOneWasDeleted_thenAccessIsGrantedAgain() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("d", DELETED, T, "sub_1", "canceled"));

        state = apply(state, subscription("c2", CREATED, T + 10, "sub_2", "active", BASIC_PRICE));

        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.subscriptionId()).isEqualTo("sub_2");
    }

    @Test
    void givenAPaidInvoiceForANewSubscriptionWhileCanceled_thenActiveAgain() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("d", DELETED, T, "sub_1", "canceled"));

        state = apply(state, invoice("i2", "invoice.paid", T + 10, "sub_2", 1999));

        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.subscriptionId()).isEqualTo("sub_2");
    }

    @Test
    void givenOldSubscriptionDeletedAfterMovingToANewOne_thenTheMemberStaysActive() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("c2", CREATED, T, "sub_2", "active", BASIC_PRICE));

        Transition deleted = machine.apply(state, subscription("d1", DELETED, T + 5, "sub_1", "canceled"), NOW);

        assertThat(deleted.next().status()).isEqualTo(ACTIVE);
        assertThat(deleted.next().subscriptionId()).isEqualTo("sub_2");
        assertThat(deleted.next().endedSubscriptionIds()).contains("sub_1");
        assertThat(deleted.note()).contains("not the current one");
    }

    @Test
    void givenASecondSubscriptionThatNeverGetsPaid_thenTheCurrentOneKeepsGivingAccess() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), subscription("c2", CREATED, T, "sub_2", "incomplete"));
        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.subscriptionId()).isEqualTo("sub_1");

        state = apply(state, subscription("u2", UPDATED, T + 10, "sub_2", "incomplete_expired"));

        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.endedSubscriptionIds()).contains("sub_2");
    }

    @Test
    void givenIncompleteExpired_thenTheLeadStaysALeadEvenWhenStripeDeletesTheSubscription() {
        MemberState state = apply(Fixtures.stateIn(LEAD), subscription("c", CREATED, T, "sub_1", "incomplete"));
        state = apply(state, subscription("x", UPDATED, T + 82_800, "sub_1", "incomplete_expired"));
        state = apply(state, subscription("d", DELETED, T + 82_801, "sub_1", "incomplete_expired"));

        assertThat(state.status()).isEqualTo(LEAD);
    }

    @Test
    void givenMoreThanTwentyEndedSubscriptions_thenOnlyTheMostRecentTwentyAreRemembered() {
        MemberState state = Fixtures.stateIn(ACTIVE);
        for (int i = 1; i <= 25; i++) {
            state = apply(state, subscription("d" + i, DELETED, T + i, "sub_" + i, "canceled"));
        }

        List<String> expected = new ArrayList<>();
        for (int i = 6; i <= 25; i++) {
            expected.add("sub_" + i);
        }
        assertThat(state.endedSubscriptionIds()).containsExactlyElementsOf(expected);
    }

    @Test
    void givenTrialWillEnd_thenTheOrderingWatermarkDoesNotMove() {
        Transition t = machine.apply(Fixtures.stateIn(MemberStatus.TRIALING),
                subscription("w", "customer.subscription.trial_will_end", T + 500, "sub_1", "trialing"), NOW);

        assertThat(t.changed()).isFalse();
        assertThat(t.next().billingAsOfSeconds()).isEqualTo(Fixtures.stateIn(ACTIVE).billingAsOfSeconds());
    }

    @Test
    void givenAppliedEvent_thenTheWatermarkIsItsCreatedTime() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), invoice("i", "invoice.paid", T + 42, "sub_1", 1999));

        assertThat(state.billingAsOfSeconds()).isEqualTo(T + 42);
    }

    @Test
    void givenEventForAnotherCustomer_thenItIsIgnored() {
        BillingEvent foreign = BillingEvent.builder("e", "invoice.paid", T, "cus_other").amountPaid(1999L).build();

        Transition t = machine.apply(Fixtures.stateIn(LEAD), foreign, NOW);

        assertThat(t.changed()).isFalse();
        assertThat(t.next()).isEqualTo(Fixtures.stateIn(LEAD));
        assertThat(t.note()).contains("cus_other");
    }

    @Test
    void givenTheSameEventTwice_thenTheSecondDeliveryChangesNothing() {
        List<BillingEvent> events = List.of(
                invoice("f", "invoice.payment_failed", T, "sub_1", 0),
                subscription("u", UPDATED, T, "sub_1", "past_due"),
                subscription("d", DELETED, T, "sub_1", "canceled"),
                Fixtures.refund("r", T, 1999, 1999),
                Fixtures.disputeCreated("dc", T),
                event("cd", "customer.deleted", T).build());
        for (BillingEvent e : events) {
            MemberState once = apply(Fixtures.stateIn(ACTIVE), e);
            Transition twice = machine.apply(once, e, NOW);

            assertThat(twice.next()).as(e.type()).isEqualTo(once);
            assertThat(twice.changed()).as(e.type()).isFalse();
        }
    }

    private MemberState apply(MemberState state, BillingEvent event) {
        return machine.apply(state, event, NOW).next();
    }
}
