package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MemberStateTest {

    @Test
    void givenNewCustomer_thenTheInitialStateIsALeadWithNothingApplied() {
        MemberState initial = MemberState.initial(CUSTOMER);

        assertThat(initial.status()).isEqualTo(MemberStatus.LEAD);
        assertThat(initial.override()).isEqualTo(AccessOverride.NONE);
        assertThat(initial.billingAsOfSeconds()).isZero();
        assertThat(initial.endedSubscriptionIds()).isEmpty();
        assertThat(initial.applied()).isEqualTo(Entitlements.none());
        assertThat(initial.nextDeadline()).isEmpty();
        assertThat(initial.accessGranted()).isFalse();
        assertThat(initial.disputes()).isEqualTo(Disputes.none());
        assertThat(initial.disputed()).isFalse();
        assertThat(initial.refundedAsOfSeconds()).isZero();
    }

    @Test
    void givenDisputes_thenDisputedIsDerivedFromThemWhateverTheConstructorIsTold() {
        MemberState base = Fixtures.stateIn(MemberStatus.ACTIVE);
        Disputes open = Disputes.none().opened("dp_1");

        MemberState told = new MemberState(CUSTOMER, null, null, MemberStatus.ACTIVE, false, false, false, null,
                null, null, 0L, null, null, null, null, open, 0L, 0L, null, null);

        assertThat(told.disputed()).isTrue();
        assertThat(told.status()).isEqualTo(MemberStatus.BLOCKED);
        assertThat(base.toBuilder().disputes(open).build().disputed()).isTrue();
        assertThat(base.toBuilder().disputes(open.won("dp_1")).build().disputed()).isFalse();
    }

    @ParameterizedTest(name = "given disputed={0} operatorBlocked={1} refunded={2}, then status is {3}")
    @CsvSource({
            "false, false, false, ACTIVE",
            "false, false, true,  REFUNDED",
            "true,  false, false, BLOCKED",
            "false, true,  false, BLOCKED",
            "true,  true,  true,  BLOCKED",
            "true,  false, true,  BLOCKED",
    })
    void givenOverlays_thenBlockedWinsOverRefundedWhichWinsOverBilling(boolean disputed, boolean operatorBlocked,
                                                                       boolean refunded, MemberStatus expected) {
        MemberState state = Fixtures.stateIn(MemberStatus.ACTIVE).toBuilder()
                .disputes(disputed ? Disputes.none().opened(Disputes.UNIDENTIFIED) : Disputes.none())
                .operatorBlocked(operatorBlocked).refunded(refunded).build();

        assertThat(state.status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "given {0}, then access follows the status unless overridden")
    @EnumSource(MemberStatus.class)
    void givenAnyStatus_thenOverridesDecideAccessBeforeTheStatusDoes(MemberStatus status) {
        MemberState state = Fixtures.stateIn(status);

        assertThat(state.accessGranted()).isEqualTo(status.hasAccess());
        assertThat(state.withOverride(AccessOverride.GRANT).accessGranted()).isTrue();
        assertThat(state.withOverride(AccessOverride.REVOKE).accessGranted()).isFalse();
    }

    @Test
    void givenBothDeadlines_thenTheNextDeadlineIsTheEarlier() {
        MemberState state = Fixtures.stateIn(MemberStatus.PAST_DUE).toBuilder().graceDeadline(500L).accessUntil(300L)
                .build();

        assertThat(state.nextDeadline()).contains(300L);
        assertThat(state.toBuilder().accessUntil(900L).build().nextDeadline()).contains(500L);
        assertThat(state.toBuilder().graceDeadline(null).build().nextDeadline()).contains(300L);
    }

    @Test
    void givenAnOverlayStatusAsBillingStatus_thenConstructionFails() {
        assertThatThrownBy(() -> MemberState.initial(CUSTOMER).toBuilder().billingStatus(MemberStatus.REFUNDED).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REFUNDED");
        assertThatThrownBy(() -> MemberState.initial(CUSTOMER).toBuilder().billingStatus(MemberStatus.BLOCKED).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenBlankCustomerId_thenConstructionFails() {
        assertThatThrownBy(() -> MemberState.initial(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenNullsFromDeserialisation_thenDefaultsAreUsed() {
        MemberState state = new MemberState(CUSTOMER, null, null, null, false, false, false, null, null, null, 0L,
                null, null, null, null, null, 0L, 0L, null, null);

        assertThat(state).isEqualTo(MemberState.initial(CUSTOMER));
    }

    @Test
    void givenEndedListWithDuplicatesAndTooManyIds_thenItIsDedupedAndCappedKeepingTheNewest() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add("sub_" + i);
        }
        ids.add("sub_29");

        MemberState state = MemberState.initial(CUSTOMER).toBuilder().endedSubscriptionIds(ids).build();

        assertThat(state.endedSubscriptionIds()).hasSize(MemberState.MAX_ENDED_SUBSCRIPTIONS)
                .doesNotHaveDuplicates().startsWith("sub_10").endsWith("sub_29");
        assertThat(state.subscriptionEnded("sub_10")).isTrue();
        assertThat(state.subscriptionEnded("sub_9")).isFalse();
        assertThat(state.subscriptionEnded(null)).isFalse();
    }

    @Test
    void givenWithHelpers_thenOnlyTheNamedFieldChanges() {
        MemberState base = Fixtures.stateIn(MemberStatus.ACTIVE);
        Entitlements applied = new Entitlements(java.util.Set.of(1L), java.util.Set.of(2L));

        assertThat(base.withApplied(applied)).isEqualTo(base.toBuilder().applied(applied).build());
        assertThat(base.withApplied(applied).applied()).isEqualTo(applied);
        assertThat(base.withOperatorBlocked(true).operatorBlocked()).isTrue();
        assertThat(base.withOverride(AccessOverride.GRANT).billingStatus()).isEqualTo(MemberStatus.ACTIVE);
        MemberState tracked = base.toBuilder().disputes(Disputes.none().opened("dp_1")).refundedAsOfSeconds(42L)
                .build();
        assertThat(tracked.withApplied(applied).withOverride(AccessOverride.GRANT).withOperatorBlocked(true))
                .satisfies(s -> {
                    assertThat(s.disputes()).isEqualTo(tracked.disputes());
                    assertThat(s.refundedAsOfSeconds()).isEqualTo(42L);
                });
    }
}
