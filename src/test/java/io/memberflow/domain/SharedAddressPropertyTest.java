package io.memberflow.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.memberflow.domain.Fixtures.BASIC_PRICE;
import static io.memberflow.domain.Fixtures.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two customers of one e-mail address, each on a generated journey whose events arrive in a generated order with
 * duplicates and lag, their workflows interleaved step by step at random. The model runs the shared-address protocol
 * of workflows.md ({@code AddressGuard}, {@code Publication.publishBeforeAdding}) on the real planner and the real
 * {@link SharedAddress} decision: requirements published before anything changes at the address, a look before each removal that keeps what the
 * other requires, a look after it that sends the other a repair. Whatever the interleaving, once both are idle the
 * address holds every group and tag either customer's billing requires and nothing else, and each customer has applied
 * exactly what it requires; whenever both are between passes, each holds at the address what it believes applied (or a
 * repair is on its way to it). Without the look after a removal, or without publishing before a change, this fails.
 */
class SharedAddressPropertyTest {
    private final EntitlementMachine machine = Fixtures.machine().withChargeFacts(true);

    /** One customer's workflow in the model. */
    private final class Customer {
        final String id;
        final JourneyModel journey;
        final Deque<JourneyDeliveryPropertyTest.Delivery> inbox;
        final Deque<Entitlements> repairs = new ArrayDeque<>();
        final Deque<Runnable> actions = new ArrayDeque<>();
        MemberState state;
        Entitlements published = Entitlements.none();
        long now;
        /** A workflow exists once its first event arrived. */
        boolean started;

        Customer(String id, JourneyModel journey, Random random) {
            this.id = id;
            this.journey = journey;
            this.inbox = new ArrayDeque<>(JourneyDeliveryPropertyTest.deliveries(journey, random));
            this.state = MemberState.initial(id);
        }

        /** The ids a pending repair already says are gone. */
        Set<Long> lost(boolean groups) {
            Set<Long> ids = new HashSet<>();
            repairs.forEach(r -> ids.addAll(groups ? r.accessGroupIds() : r.tagIds()));
            return ids;
        }

        boolean idle() {
            return actions.isEmpty() && inbox.isEmpty() && repairs.isEmpty();
        }
    }

    private final Set<Long> circle = new HashSet<>();
    private final Set<Long> kit = new HashSet<>();

    @Property(tries = 600)
    void givenTwoCustomersOfOneAddressInAnyInterleaving_thenTheAddressHoldsWhatEitherRequires(
            @ForAll("journeys") List<JourneyModel.Step> first, @ForAll("journeys") List<JourneyModel.Step> second,
            @ForAll long seed, @ForAll boolean ids) {
        check(first, second, seed, ids);
    }

    /** Both customers starting and ending one plan, so one's grant and the other's removal often meet. */
    @Property(tries = 1000)
    void givenTwoCustomersStartingAndEndingOnePlanAtOnce_thenNeitherTakesWhatTheOtherRequires(
            @ForAll("onePlan") List<JourneyModel.Step> first, @ForAll("onePlan") List<JourneyModel.Step> second,
            @ForAll long seed, @ForAll boolean ids) {
        check(first, second, seed, ids);
    }

    private void check(List<JourneyModel.Step> first, List<JourneyModel.Step> second, long seed, boolean ids) {
        Random random = new Random(seed);
        circle.clear();
        kit.clear();
        Customer a = new Customer("cus_a", JourneyModel.play(first, "cus_a", ids), random);
        Customer b = new Customer("cus_b", JourneyModel.play(second, "cus_b", ids), random);
        List<Customer> both = List.of(a, b);
        while (!(a.idle() && b.idle())) {
            List<Customer> ready = both.stream().filter(c -> !c.idle()).toList();
            Customer c = ready.get(random.nextInt(ready.size()));
            if (!c.actions.isEmpty()) {
                c.actions.poll().run();
            } else {
                startPass(c, c == a ? b : a);
            }
            if (a.actions.isEmpty() && b.actions.isEmpty()) { // both between passes: nobody believes in what is gone
                for (Customer x : both) {
                    assertThat(circle).as(first + " / " + second + ": " + x.id + " holds at Circle what it applied")
                            .containsAll(minus(x.state.applied().accessGroupIds(), x.lost(true)));
                    assertThat(kit).as(first + " / " + second + ": " + x.id + " holds at Kit what it applied")
                            .containsAll(minus(x.state.applied().tagIds(), x.lost(false)));
                }
            }
        }

        String where = "first " + first + ", second " + second + (ids ? " (2024-06-20 ids)" : " (basil)");
        Entitlements wantA = a.started ? machine.desired(a.state) : Entitlements.none();
        Entitlements wantB = b.started ? machine.desired(b.state) : Entitlements.none();
        assertThat(circle).as(where + ": Circle at the address")
                .containsAll(wantA.accessGroupIds()).containsAll(wantB.accessGroupIds());
        assertThat(kit).as(where + ": Kit at the address").containsAll(wantA.tagIds()).containsAll(wantB.tagIds());
        Set<Long> groups = new TreeSet<>(wantA.accessGroupIds());
        groups.addAll(wantB.accessGroupIds());
        Set<Long> tags = new TreeSet<>(wantA.tagIds());
        tags.addAll(wantB.tagIds());
        assertThat(circle).as(where + ": nothing nobody requires").isEqualTo(groups);
        assertThat(kit).as(where + ": no tag nobody requires").isEqualTo(tags);
        assertThat(a.state.applied()).as(where + ": first applied").isEqualTo(wantA);
        assertThat(b.state.applied()).as(where + ": second applied").isEqualTo(wantB);
    }

    /** One pass of a workflow: apply the next input, then queue its steps at the vendors (each one atomic). */
    private void startPass(Customer c, Customer other) {
        c.started = true;
        if (!c.repairs.isEmpty()) {
            Entitlements lost = c.repairs.poll();
            Entitlements applied = c.state.applied();
            c.state = c.state.withApplied(new Entitlements(minus(applied.accessGroupIds(), lost.accessGroupIds()),
                    minus(applied.tagIds(), lost.tagIds())));
        } else {
            JourneyDeliveryPropertyTest.Delivery d = c.inbox.poll();
            c.now = Math.max(c.now + 10, JourneyModel.readTimeMillis(d.atStep()));
            BillingEvent event = c.journey.events().get(d.event());
            c.state = machine.apply(c.state, event, c.now, true).next();
            if (EntitlementMachine.triggersBillingRead(event.type())) {
                BillingSnapshot truth = c.journey.truthAfter(d.atStep());
                c.state = machine.applySnapshot(c.state, new BillingSnapshot(truth.customerId(), truth.found(),
                        truth.deleted(), truth.email(), truth.name(), truth.subscriptions(), c.now / 1000), c.now).next();
            }
        }
        Entitlements desired = machine.desired(c.state);
        List<SideEffect> plan = SideEffectPlanner.plan(c.state.applied(), desired);
        if (!plan.isEmpty() && !desired.equals(c.published)) {
            c.actions.add(() -> c.published = desired);
        }
        for (SideEffect effect : plan) {
            boolean groups = effect.kind() == SideEffect.Kind.GRANT_ACCESS || effect.kind() == SideEffect.Kind.REVOKE_ACCESS;
            Set<Long> vendor = groups ? circle : kit;
            if (effect.kind() == SideEffect.Kind.GRANT_ACCESS || effect.kind() == SideEffect.Kind.ADD_TAGS) {
                c.actions.add(() -> {
                    vendor.addAll(effect.ids());
                    applied(c, effect.kind(), effect.ids());
                });
                continue;
            }
            Set<Long> remove = new HashSet<>();
            c.actions.add(() -> { // the look before: keep what the other requires
                Set<Long> theirs = groups ? other.published.accessGroupIds() : other.published.tagIds();
                remove.addAll(SharedAddress.toRemove(effect.ids(), Map.of(other.id, theirs)));
                Set<Long> kept = minus(effect.ids(), remove);
                applied(c, effect.kind(), kept);
            });
            c.actions.add(() -> {
                vendor.removeAll(remove);
                applied(c, effect.kind(), remove);
            });
            c.actions.add(() -> { // the look after: repair the other if it requires a removed id by now
                Set<Long> theirs = new HashSet<>(groups ? other.published.accessGroupIds() : other.published.tagIds());
                theirs.retainAll(remove);
                if (!theirs.isEmpty()) {
                    other.repairs.add(groups ? new Entitlements(theirs, Set.of()) : new Entitlements(Set.of(), theirs));
                }
            });
        }
        c.actions.add(() -> c.published = desired);
    }

    /** The customer's applied set after {@code kind} of {@code ids} was done (or kept, for removals). */
    private static void applied(Customer c, SideEffect.Kind kind, Set<Long> ids) {
        Entitlements a = c.state.applied();
        Set<Long> groups = new HashSet<>(a.accessGroupIds());
        Set<Long> tags = new HashSet<>(a.tagIds());
        switch (kind) {
            case GRANT_ACCESS -> groups.addAll(ids);
            case REVOKE_ACCESS -> groups.removeAll(ids);
            case ADD_TAGS -> tags.addAll(ids);
            case REMOVE_TAGS -> tags.removeAll(ids);
        }
        c.state = c.state.withApplied(new Entitlements(groups, tags));
    }

    private static Set<Long> minus(Set<Long> a, Set<Long> b) {
        Set<Long> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    @Provide
    Arbitrary<List<JourneyModel.Step>> onePlan() {
        Arbitrary<JourneyModel.Step> step = Combinators.combine(
                Arbitraries.of(JourneyModel.Kind.SIGNUP, JourneyModel.Kind.CANCEL, JourneyModel.Kind.REFUND,
                        JourneyModel.Kind.RENEWAL_REFUNDED_AT_ONCE, JourneyModel.Kind.FREE_SIGNUP,
                        JourneyModel.Kind.ONE_OFF, JourneyModel.Kind.ONE_OFF_REFUND),
                Arbitraries.just(BASIC_PRICE), Arbitraries.integers().between(1, 2)).as(JourneyModel.Step::new);
        return step.list().ofMinSize(1).ofMaxSize(6);
    }

    /** Journeys without e-mail changes: both customers keep the one address. */
    @Provide
    Arbitrary<List<JourneyModel.Step>> journeys() {
        Arbitrary<JourneyModel.Step> step = Combinators.combine(
                Arbitraries.of(JourneyModel.Kind.class).filter(k -> k != JourneyModel.Kind.EMAIL_CHANGE),
                Arbitraries.of(BASIC_PRICE, PRO_PRICE, "price_unknown"),
                Arbitraries.integers().between(1, 3)).as(JourneyModel.Step::new);
        return step.list().ofMinSize(0).ofMaxSize(10);
    }
}
