package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.BASIC_GROUP;
import static io.memberflow.domain.Fixtures.BASIC_PRICE;
import static io.memberflow.domain.Fixtures.BASIC_TAG;
import static io.memberflow.domain.Fixtures.DAY;
import static io.memberflow.domain.Fixtures.GRACE;
import static io.memberflow.domain.Fixtures.NOW;
import static io.memberflow.domain.Fixtures.PRO_EXTRA_GROUP;
import static io.memberflow.domain.Fixtures.PRO_GROUP;
import static io.memberflow.domain.Fixtures.PRO_PRICE;
import static io.memberflow.domain.Fixtures.PRO_TAG;
import static io.memberflow.domain.Fixtures.T;
import static io.memberflow.domain.Fixtures.event;
import static io.memberflow.domain.Fixtures.invoice;
import static io.memberflow.domain.Fixtures.lifecycleTag;
import static io.memberflow.domain.Fixtures.subscription;
import static io.memberflow.domain.MemberStatus.ACTIVE;
import static io.memberflow.domain.MemberStatus.CANCELED;
import static io.memberflow.domain.MemberStatus.PAST_DUE;
import static io.memberflow.domain.MemberStatus.SUSPENDED;
import static io.memberflow.domain.MemberStatus.TRIALING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleScenarioTest {
    private static final String SUBSCRIPTION_CREATED = "customer.subscription.created";
    private static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";

    private final EntitlementMachine machine = Fixtures.machine();

    @Test
    void givenTrialThatConvertsThenFails_thenGraceExpirySuspendsAndAPaymentRestoresAccess() {
        MemberState state = MemberState.initial(Fixtures.CUSTOMER);
        state = apply(state, event("e1", "checkout.session.completed", T).checkoutMode("subscription")
                .paymentStatus("no_payment_required").subscriptionId("sub_1").priceIds(BASIC_PRICE)
                .email("ada@example.com").name("Ada").build(), NOW);
        state = apply(state, subscription("e2", SUBSCRIPTION_CREATED, T, "sub_1", "trialing", BASIC_PRICE), NOW);
        state = apply(state, invoice("e3", "invoice.paid", T, "sub_1", 0), NOW);
        assertThat(state.status()).isEqualTo(TRIALING);
        assertThat(state.email()).isEqualTo("ada@example.com");
        assertThat(machine.desired(state).accessGroupIds()).containsExactly(BASIC_GROUP);

        long trialEnd = T + 14 * 86_400L;
        state = apply(state, subscription("e4", SUBSCRIPTION_UPDATED, trialEnd, "sub_1", "active", BASIC_PRICE),
                trialEnd * 1000);
        state = apply(state, invoice("e5", "invoice.paid", trialEnd, "sub_1", 1999), trialEnd * 1000);
        assertThat(state.status()).isEqualTo(ACTIVE);

        long renewal = trialEnd + 30 * 86_400L;
        long failedAt = renewal * 1000 + 1000;
        state = apply(state, invoice("e6", "invoice.payment_failed", renewal, "sub_1", 0), failedAt);
        assertThat(state.status()).isEqualTo(PAST_DUE);
        assertThat(state.graceDeadline()).isEqualTo(failedAt + GRACE.toMillis());
        assertThat(state.nextDeadline()).contains(failedAt + GRACE.toMillis());
        assertThat(state.accessGranted()).isTrue();

        Transition early = machine.onTime(state, failedAt + GRACE.toMillis() - 1);
        assertThat(early.changed()).isFalse();
        assertThat(early.next()).isEqualTo(state);

        Transition expiry = machine.onTime(state, failedAt + GRACE.toMillis());
        assertThat(expiry.changed()).isTrue();
        state = expiry.next();
        assertThat(state.status()).isEqualTo(SUSPENDED);
        assertThat(state.graceDeadline()).isNull();
        assertThat(state.accessGranted()).isFalse();
        assertThat(machine.desired(state).accessGroupIds()).isEmpty();

        long retry = renewal + 5 * 86_400L;
        state = apply(state, subscription("e7", SUBSCRIPTION_UPDATED, retry, "sub_1", "past_due", BASIC_PRICE),
                retry * 1000);
        assertThat(state.status()).as("Stripe still says past_due, but grace is over").isEqualTo(SUSPENDED);

        state = apply(state, invoice("e8", "invoice.paid", retry + 60, "sub_1", 1999), retry * 1000 + 60_000);
        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.graceDeadline()).isNull();
        assertThat(machine.desired(state).accessGroupIds()).containsExactly(BASIC_GROUP);
    }

    @Test
    void givenRepeatedPaymentFailures_thenTheFirstGraceDeadlineIsKept() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), invoice("e1", "invoice.payment_failed", T, "sub_1", 0), NOW);
        long deadline = state.graceDeadline();

        state = apply(state, invoice("e2", "invoice.payment_failed", T + 86_400, "sub_1", 0), NOW + DAY);
        state = apply(state, subscription("e3", SUBSCRIPTION_UPDATED, T + 86_401, "sub_1", "past_due"), NOW + DAY);

        assertThat(state.graceDeadline()).isEqualTo(deadline);
    }

    @Test
    void givenGraceDeadlinePassedBeforeTheTimerFired_thenTheNextEventAlsoSuspends() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE), invoice("e1", "invoice.payment_failed", T, "sub_1", 0), NOW);

        Transition late = machine.apply(state, event("e2", "customer.updated", T + 10).name("Ada L.").build(),
                state.graceDeadline() + 1);

        assertThat(late.next().status()).isEqualTo(SUSPENDED);
        assertThat(late.note()).contains("grace period expired");
    }

    @Test
    void givenCancelAtPeriodEnd_thenAccessIsKeptUntilTheTimerAtPeriodEnd() {
        long periodEnd = T + 10 * 86_400L;
        BillingEvent cancelLater = subscription("e1", SUBSCRIPTION_UPDATED, T, "sub_1", "active", BASIC_PRICE)
                .toBuilder().cancelAtPeriodEnd(true).currentPeriodEnd(periodEnd).build();

        MemberState state = apply(Fixtures.stateIn(ACTIVE), cancelLater, NOW);
        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.accessUntil()).isEqualTo(periodEnd * 1000);
        assertThat(state.nextDeadline()).contains(periodEnd * 1000);

        assertThat(machine.onTime(state, periodEnd * 1000 - 1).changed()).isFalse();

        Transition end = machine.onTime(state, periodEnd * 1000);
        assertThat(end.next().status()).isEqualTo(CANCELED);
        assertThat(end.next().accessUntil()).isNull();
        assertThat(end.next().nextDeadline()).isEmpty();
        assertThat(machine.desired(end.next()).accessGroupIds()).isEmpty();
    }

    @Test
    void givenCancellationUndoneBeforePeriodEnd_thenNoDeadlineRemains() {
        BillingEvent cancelLater = subscription("e1", SUBSCRIPTION_UPDATED, T, "sub_1", "active", BASIC_PRICE)
                .toBuilder().cancelAtPeriodEnd(true).currentPeriodEnd(T + 86_400L).build();
        MemberState state = apply(Fixtures.stateIn(ACTIVE), cancelLater, NOW);

        state = apply(state, subscription("e2", SUBSCRIPTION_UPDATED, T + 60, "sub_1", "active", BASIC_PRICE), NOW);

        assertThat(state.accessUntil()).isNull();
        assertThat(machine.onTime(state, NOW + 2 * DAY).next().status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenCancelAtPeriodEndArrivingAfterThePeriodEnded_thenTheMemberIsCanceledAtOnce() {
        BillingEvent cancelLater = subscription("e1", SUBSCRIPTION_UPDATED, T, "sub_1", "active", BASIC_PRICE)
                .toBuilder().cancelAtPeriodEnd(true).currentPeriodEnd(T + 60).build();

        MemberState state = apply(Fixtures.stateIn(ACTIVE), cancelLater, (T + 61) * 1000);

        assertThat(state.status()).isEqualTo(CANCELED);
        assertThat(state.accessUntil()).isNull();
    }

    @Test
    void givenPlanChangeFromBasicToPro_thenDesiredSwapsGroupsAndTheReconcilerGrantsBeforeRevoking() {
        MemberState state = Fixtures.settled(machine, Fixtures.stateIn(ACTIVE));
        assertThat(state.applied().accessGroupIds()).containsExactly(BASIC_GROUP);

        state = apply(state, subscription("e1", SUBSCRIPTION_UPDATED, T, "sub_1", "active", PRO_PRICE), NOW);
        Entitlements desired = machine.desired(state);

        assertThat(state.planName()).isEqualTo("pro");
        assertThat(desired.accessGroupIds()).containsExactly(PRO_GROUP, PRO_EXTRA_GROUP);
        assertThat(desired.tagIds()).containsExactlyInAnyOrder(PRO_TAG, lifecycleTag(ACTIVE));
        assertThat(SideEffectPlanner.plan(state.applied(), desired)).containsExactly(
                new SideEffect(SideEffect.Kind.GRANT_ACCESS, Set.of(PRO_GROUP, PRO_EXTRA_GROUP)),
                new SideEffect(SideEffect.Kind.REVOKE_ACCESS, Set.of(BASIC_GROUP)),
                new SideEffect(SideEffect.Kind.REMOVE_TAGS, Set.of(BASIC_TAG)),
                new SideEffect(SideEffect.Kind.ADD_TAGS, Set.of(PRO_TAG)));
    }

    @Test
    void givenPricesOfNoKnownPlan_thenThereIsNoPlanAndTheProblemIsNamed() {
        MemberState state = apply(Fixtures.stateIn(ACTIVE),
                subscription("e1", SUBSCRIPTION_UPDATED, T, "sub_1", "active", "price_unknown"), NOW);

        assertThat(state.planName()).isNull();
        assertThat(state.planIssue()).isEqualTo("price price_unknown is in no configured plan");
        assertThat(machine.desired(state).accessGroupIds()).isEmpty();
        assertThat(Attention.problems(state, machine.desired(state))).extracting(Attention.Problem::kind)
                .containsExactly(Attention.PLAN_UNKNOWN);
    }

    @Test
    void givenLifecycleTags_thenTheTagFollowsTheStatusAndTheOldOneIsRemoved() {
        MemberState lead = MemberState.initial(Fixtures.CUSTOMER);
        assertThat(machine.desired(lead)).isEqualTo(new Entitlements(Set.of(), Set.of(lifecycleTag(MemberStatus.LEAD))));

        MemberState active = Fixtures.settled(machine, apply(lead, invoice("e1", "invoice.paid", T, "sub_1", 1999), NOW));
        assertThat(active.applied().tagIds()).containsExactlyInAnyOrder(BASIC_TAG, lifecycleTag(ACTIVE));

        MemberState canceled = apply(active, subscription("e2", "customer.subscription.deleted", T + 1, "sub_1",
                "canceled"), NOW);
        assertThat(machine.desired(canceled)).isEqualTo(new Entitlements(Set.of(), Set.of(lifecycleTag(CANCELED))));
        assertThat(SideEffectPlanner.plan(canceled.applied(), machine.desired(canceled))).containsExactly(
                new SideEffect(SideEffect.Kind.REVOKE_ACCESS, Set.of(BASIC_GROUP)),
                new SideEffect(SideEffect.Kind.REMOVE_TAGS, Set.of(BASIC_TAG, lifecycleTag(ACTIVE))),
                new SideEffect(SideEffect.Kind.ADD_TAGS, Set.of(lifecycleTag(CANCELED))));
    }

    @Test
    void givenNoLifecycleTagConfiguredForAStatus_thenOnlyPlanTagsAreDesired() {
        PlanCatalog catalog = new PlanCatalog(List.of(Fixtures.basicPlan()), java.util.Map.of(CANCELED, 999L));
        EntitlementMachine bare = new EntitlementMachine(catalog, GRACE);

        assertThat(bare.desired(Fixtures.stateIn(ACTIVE)).tagIds()).containsExactly(BASIC_TAG);
        assertThat(bare.desired(Fixtures.stateIn(MemberStatus.LEAD)).tagIds()).isEmpty();
        assertThat(bare.desired(Fixtures.stateIn(CANCELED)).tagIds()).containsExactly(999L);
    }

    @Test
    void givenOperatorGrant_thenACanceledMemberHasAccessToThePlan() {
        MemberState granted = Fixtures.stateIn(CANCELED).withOverride(AccessOverride.GRANT);

        assertThat(granted.accessGranted()).isTrue();
        assertThat(granted.status()).isEqualTo(CANCELED);
        assertThat(machine.desired(granted).accessGroupIds()).containsExactly(BASIC_GROUP);
        assertThat(machine.desired(granted).tagIds()).contains(lifecycleTag(CANCELED));
    }

    @Test
    void givenOperatorRevoke_thenAnActiveMemberHasNoAccess() {
        MemberState revoked = Fixtures.stateIn(ACTIVE).withOverride(AccessOverride.REVOKE);

        assertThat(revoked.accessGranted()).isFalse();
        assertThat(machine.desired(revoked).accessGroupIds()).isEmpty();
        assertThat(revoked.withOverride(AccessOverride.NONE).accessGranted()).isTrue();
    }

    @Test
    void givenOperatorBlock_thenTheMemberIsBlockedWhateverBillingSays() {
        MemberState blocked = Fixtures.stateIn(ACTIVE).withOperatorBlocked(true);
        blocked = apply(blocked, invoice("e1", "invoice.paid", T, "sub_1", 1999), NOW);

        assertThat(blocked.status()).isEqualTo(MemberStatus.BLOCKED);
        assertThat(blocked.billingStatus()).isEqualTo(ACTIVE);
        assertThat(machine.desired(blocked).accessGroupIds()).isEmpty();
        assertThat(blocked.withOperatorBlocked(false).status()).isEqualTo(ACTIVE);
    }

    @Test
    void givenCustomerUpdated_thenEmailAndNameChangeButNothingElse() {
        MemberState before = Fixtures.stateIn(ACTIVE);

        Transition t = machine.apply(before, event("e1", "customer.updated", T).email("new@example.com")
                .name("New Name").build(), NOW);

        assertThat(t.changed()).isTrue();
        assertThat(t.next()).isEqualTo(before.toBuilder().email("new@example.com").name("New Name")
                .contactAsOfSeconds(T).build());
    }

    private MemberState apply(MemberState state, BillingEvent event, long now) {
        return machine.apply(state, event, now).next();
    }
}
