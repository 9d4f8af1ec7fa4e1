package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random but reproducible histories (fixed seeds, 500 sequences each) run the way the workflow runs them:
 * apply an input, then treat everything desired as applied. Invariants are checked after every step; the
 * refund and dispute overlays are also checked against what the events delivered so far say in any order.
 */
class EntitlementMachinePropertyTest {
    private static final int SEQUENCES_PER_SEED = 500;
    private static final Set<MemberStatus> WITHOUT_ACCESS = EnumSet.of(MemberStatus.REFUNDED, MemberStatus.BLOCKED,
            MemberStatus.CANCELED, MemberStatus.SUSPENDED, MemberStatus.PAUSED, MemberStatus.LEAD);

    private final EntitlementMachine machine = Fixtures.machine();
    private final PlanCatalog catalog = Fixtures.catalog();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20_240_601L, 987_654_321L})
    void givenRandomHistories_thenInvariantsHoldAfterEveryStep(long seed) {
        RandomBillingHistory histories = new RandomBillingHistory(seed);
        for (int sequence = 0; sequence < SEQUENCES_PER_SEED; sequence++) {
            MemberState state = MemberState.initial(Fixtures.CUSTOMER);
            OverlayOracle oracle = new OverlayOracle();
            long now = NOW;
            List<RandomBillingHistory.Input> inputs = histories.next();
            for (int step = 0; step < inputs.size(); step++) {
                RandomBillingHistory.Input input = inputs.get(step);
                String where = "seed " + seed + ", sequence " + sequence + ", step " + step + ": " + input;
                try {
                    if (input instanceof RandomBillingHistory.Event e) {
                        now = Math.max(now + 1_000, e.event().created() * 1000 + 2_000);
                        state = afterEvent(state, e.event(), now, where);
                        oracle.delivered(e.event());
                    } else if (input instanceof RandomBillingHistory.Tick tick) {
                        now += tick.advanceMillis();
                        state = afterTick(state, now, where);
                    } else if (input instanceof RandomBillingHistory.Operator op) {
                        state = state.withOverride(op.override())
                                .withOperatorBlocked(op.toggleBlock() != state.operatorBlocked());
                    }
                } catch (RuntimeException unexpected) {
                    throw new AssertionError(where + " threw " + unexpected, unexpected);
                }
                assertStateInvariants(state, now, where);
                assertOverlaysMatch(oracle, state, where);
                state = settle(state, where);
            }
        }
    }

    private MemberState afterEvent(MemberState before, BillingEvent event, long now, String where) {
        Transition t = machine.apply(before, event, now);
        MemberState next = t.next();
        Transition timeOnly = machine.onTime(before, now);

        assertThat(machine.apply(next, event, now).next()).as(where + " (duplicate delivery)").isEqualTo(next);
        assertThat(next.billingAsOfSeconds()).as(where).isGreaterThanOrEqualTo(before.billingAsOfSeconds());
        boolean billingEvent = BillingRules.isBillingStatusEvent(event.type())
                && event.customerId().equals(before.customerId());
        if (billingEvent && event.created() < before.billingAsOfSeconds()) {
            MemberState expected = timeOnly.next();
            boolean newerContact = event.created() >= before.contactAsOfSeconds()
                    && (event.email() != null || event.name() != null);
            if (newerContact) { // a stale billing event still brings its newer contact details, and nothing else
                expected = expected.toBuilder().email(event.email() != null ? event.email() : expected.email())
                        .name(event.name() != null ? event.name() : expected.name())
                        .contactAsOfSeconds(event.created()).build();
            }
            assertThat(next).as(where + " (stale)").isEqualTo(expected);
            if (!newerContact) {
                assertThat(t.changed()).as(where).isEqualTo(timeOnly.changed());
            }
            assertThat(t.note()).as(where).startsWith("stale");
        }
        if (billingEvent && before.subscriptionEnded(event.subscriptionId())) {
            assertThat(next.billingStatus()).as(where + " (ended subscription)")
                    .isEqualTo(timeOnly.next().billingStatus());
            assertThat(next.accessGranted() && !before.accessGranted()).as(where + " (ended re-grant)").isFalse();
        }
        if (!event.customerId().equals(before.customerId())) {
            assertThat(next).as(where + " (other customer)").isEqualTo(timeOnly.next());
        }
        assertUnchangedMeansSameDesire(before, t, where);
        if (before.refunded() && !next.refunded()) {
            assertThat(paymentNewerThan(before.refundedAsOfSeconds(), event)).as(where + " (refund lifted)").isTrue();
        }
        if (!t.supportTasks().isEmpty()) {
            assertThat(t.supportTasks()).as(where).allSatisfy(task ->
                    assertThat(task.causeEventId()).isEqualTo(event.eventId()));
        }
        return next;
    }

    private MemberState afterTick(MemberState before, long now, String where) {
        Transition t = machine.onTime(before, now);
        MemberState next = t.next();

        assertThat(machine.onTime(next, now).changed()).as(where + " (timer twice)").isFalse();
        assertThat(next.accessGranted() && !before.accessGranted()).as(where + " (timer grants)").isFalse();
        assertUnchangedMeansSameDesire(before, t, where);
        if (before.nextDeadline().isEmpty() || before.nextDeadline().get() > now) {
            assertThat(t.changed()).as(where + " (nothing due)").isFalse();
        }
        return next;
    }

    private void assertUnchangedMeansSameDesire(MemberState before, Transition t, String where) {
        if (!t.changed()) {
            assertThat(t.next().status()).as(where).isEqualTo(before.status());
            assertThat(machine.desired(t.next())).as(where + " (unchanged but different desire)")
                    .isEqualTo(machine.desired(before));
        }
    }

    private static boolean paymentNewerThan(long refundedAsOfSeconds, BillingEvent event) {
        boolean payment = event.type().equals("invoice.paid") || event.type().equals("invoice.payment_succeeded")
                || event.type().equals("checkout.session.completed") && "paid".equals(event.paymentStatus());
        return payment && event.created() > refundedAsOfSeconds;
    }

    private void assertOverlaysMatch(OverlayOracle oracle, MemberState state, String where) {
        assertThat(state.disputed()).as(where + " (disputed, whatever the order) " + oracle)
                .isEqualTo(oracle.disputed());
        // the watermark is the newest full refund, or a newer payment seen while not refunded
        assertThat(state.refundedAsOfSeconds()).as(where + " (newest full refund)").isGreaterThanOrEqualTo(oracle.newestRefund());
        if (state.refunded()) {
            assertThat(state.refundedAsOfSeconds()).as(where + " (refunded as of)").isEqualTo(oracle.newestRefund());
        }
        if (state.override() == AccessOverride.NONE && (state.refunded() || state.disputed())) {
            assertThat(state.accessGranted()).as(where + " (refunded or disputed has access)").isFalse();
            assertThat(machine.desired(state).accessGroupIds()).as(where + " (refunded or disputed)").isEmpty();
        }
    }

    private void assertStateInvariants(MemberState state, long now, String where) {
        Entitlements desired = machine.desired(state);
        if (state.override() == AccessOverride.NONE && WITHOUT_ACCESS.contains(state.status())) {
            assertThat(desired.accessGroupIds()).as(where + " (no access expected)").isEmpty();
        }
        if (catalog.plan(state.planName()).isPresent()) {
            assertThat(!desired.accessGroupIds().isEmpty()).as(where + " (access <=> groups)")
                    .isEqualTo(state.accessGranted());
        } else {
            assertThat(desired.accessGroupIds()).as(where + " (no plan, no groups)").isEmpty();
        }
        assertThat(state.graceDeadline() != null).as(where + " (grace only while past due)")
                .isEqualTo(state.billingStatus() == MemberStatus.PAST_DUE);
        if (state.graceDeadline() != null) {
            assertThat(state.graceDeadline()).as(where + " (grace in the future)").isGreaterThan(now);
        }
        if (state.accessUntil() != null) {
            assertThat(state.accessUntil()).as(where + " (paid-until in the future)").isGreaterThan(now);
            assertThat(state.billingStatus().hasAccess()).as(where).isTrue();
        }
        assertThat(state.endedSubscriptionIds()).as(where).doesNotHaveDuplicates()
                .hasSizeLessThanOrEqualTo(MemberState.MAX_ENDED_SUBSCRIPTIONS);
        assertThat(desired.tagIds()).as(where + " (lifecycle tag)").contains(Fixtures.lifecycleTag(state.status()));
    }

    /** What the workflow does after a transition: execute the reconciler's plan and record the result. */
    private MemberState settle(MemberState state, String where) {
        Entitlements desired = machine.desired(state);
        List<SideEffect> effects = SideEffectPlanner.plan(state.applied(), desired);
        TreeSet<Long> groups = new TreeSet<>(state.applied().accessGroupIds());
        TreeSet<Long> tags = new TreeSet<>(state.applied().tagIds());
        int lastKind = -1;
        for (SideEffect effect : effects) {
            assertThat(effect.kind().ordinal()).as(where + " (effect order)").isGreaterThan(lastKind);
            assertThat(effect.ids()).as(where + " (empty effect)").isNotEmpty();
            lastKind = effect.kind().ordinal();
            switch (effect.kind()) {
                case GRANT_ACCESS -> groups.addAll(effect.ids());
                case REVOKE_ACCESS -> groups.removeAll(effect.ids());
                case REMOVE_TAGS -> tags.removeAll(effect.ids());
                case ADD_TAGS -> tags.addAll(effect.ids());
            }
        }
        assertThat(new Entitlements(groups, tags)).as(where + " (reconciled)").isEqualTo(desired);
        MemberState settled = state.withApplied(desired);
        assertThat(SideEffectPlanner.plan(settled.applied(), machine.desired(settled))).as(where).isEmpty();
        return settled;
    }

    /**
     * What the delivered events say about the overlays, independent of delivery order: a dispute blocks if it
     * was lost, or opened and not closed; the refund time is that of the newest full refund.
     */
    private static final class OverlayOracle {
        private final Map<String, String> disputes = new TreeMap<>();
        private long newestRefund;

        void delivered(BillingEvent e) {
            if (!Fixtures.CUSTOMER.equals(e.customerId())) {
                return;
            }
            switch (e.type()) {
                case "charge.dispute.created" -> disputes.putIfAbsent(e.disputeId(), "open");
                case "charge.dispute.closed" -> {
                    if ("lost".equals(e.disputeStatus())) {
                        disputes.put(e.disputeId(), "lost");
                    } else if ("won".equals(e.disputeStatus()) || "warning_closed".equals(e.disputeStatus())) {
                        disputes.merge(e.disputeId(), "won", (was, now) -> was.equals("lost") ? was : now);
                    }
                }
                case "charge.refunded" -> {
                    if (e.amount() != null && e.amount() > 0 && e.amountRefunded() != null
                            && e.amountRefunded() >= e.amount()) {
                        newestRefund = Math.max(newestRefund, e.created());
                    }
                }
                default -> {
                }
            }
        }

        boolean disputed() {
            return disputes.containsValue("open") || disputes.containsValue("lost");
        }

        long newestRefund() {
            return newestRefund;
        }

        @Override
        public String toString() {
            return "disputes " + disputes;
        }
    }
}
