package io.memberflow.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.memberflow.domain.Fixtures.BASIC_PRICE;
import static io.memberflow.domain.Fixtures.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based check of "events are triggers, Stripe's current state is the input": a generated journey changes a
 * model of Stripe step by step; its events are delivered in a generated order, with duplicates and lag, and
 * after every delivery the machine reads the model as it is at that moment. Whatever the order, the final state
 * and the Circle groups and Kit tags it requires equal what delivery in order gives, and the refund overlay and
 * one-off purchases end as workflows.md's rules say for what happened (refunds of the charge just paid and of an
 * older one in the second of a payment, $0 new purchases and $0 prorations, one-off purchases and their refunds),
 * in both API layouts. Without Stripe reads, the e-mail address still ends as the newest one, whatever the order.
 * jqwik shrinks a failing case and prints it.
 */
class JourneyDeliveryPropertyTest {
    private final EntitlementMachine machine = Fixtures.machine().withChargeFacts(true);

    @Property(tries = 1500, shrinking = ShrinkingMode.FULL)
    void givenAnyDeliveryOrderWithDuplicatesAndLag_thenTheEndStateEqualsInOrderDelivery(
            @ForAll("journeys") List<JourneyModel.Step> steps, @ForAll("seeds") long seed, @ForAll boolean ids) {
        JourneyModel journey = JourneyModel.play(steps, JourneyModel.CUSTOMER, ids);
        List<Delivery> shuffled = deliveries(journey, new Random(seed));
        List<Delivery> inOrder = new ArrayList<>();
        for (int i = 0; i < journey.events().size(); i++) {
            inOrder.add(new Delivery(i, journey.stepOfEvent(i)));
        }

        MemberState expected = deliver(journey, inOrder);
        MemberState actual = deliver(journey, shuffled);

        String where = "steps " + steps + (ids ? " (2024-06-20 ids)" : " (basil)") + ", deliveries " + shuffled;
        assertThat(actual.status()).as(where).isEqualTo(expected.status());
        assertThat(actual.planName()).as(where).isEqualTo(expected.planName());
        assertThat(actual.email()).as(where).isEqualTo(expected.email());
        assertThat(actual.accessGranted()).as(where).isEqualTo(expected.accessGranted());
        assertThat(machine.desired(actual)).as(where).isEqualTo(machine.desired(expected));
        assertThat(expected.email()).as(where).isEqualTo(journey.finalTruth().email());
        assertThat(actual.refunded()).as(where + ": refunded").isEqualTo(journey.expectedRefunded());
        assertThat(actual.payments().oneOffPlan() != null).as(where + ": one-off stands").isEqualTo(journey.expectedOneOffStands());
    }

    @Property(tries = 1000)
    void givenNoStripeReads_thenTheNewestEmailWinsAndPaymentsEndTheSameWhateverTheOrder(
            @ForAll("journeys") List<JourneyModel.Step> steps, @ForAll("seeds") long seed, @ForAll boolean ids) {
        JourneyModel journey = JourneyModel.play(steps, JourneyModel.CUSTOMER, ids);
        MemberState state = MemberState.initial(JourneyModel.CUSTOMER);
        long now = JourneyModel.START * 1000;
        for (Delivery d : deliveries(journey, new Random(seed))) {
            now += 1000;
            state = machine.apply(state, journey.events().get(d.event()), now).next();
        }
        String newest = journey.events().stream().filter(e -> e.email() != null)
                .max(Comparator.comparingLong(BillingEvent::created)).map(BillingEvent::email).orElse(null);

        assertThat(state.email()).as("steps " + steps).isEqualTo(newest);
        assertThat(state.refunded()).as("steps " + steps + ": refunded").isEqualTo(journey.expectedRefunded());
        assertThat(state.payments().oneOffPlan() != null).as("steps " + steps + ": one-off").isEqualTo(journey.expectedOneOffStands());
    }

    /** Event {@code event} delivered once Stripe is at step {@code atStep} (never before the step that created it). */
    record Delivery(int event, int atStep) {
    }

    private MemberState deliver(JourneyModel journey, List<Delivery> deliveries) {
        return deliver(machine, journey, deliveries);
    }

    /** Delivers in the given order with Stripe reads: after each billing event, the model as it is at that step. */
    static MemberState deliver(EntitlementMachine machine, JourneyModel journey, List<Delivery> deliveries) {
        MemberState state = MemberState.initial(journey.customer());
        long now = 0;
        for (Delivery d : deliveries) {
            now = Math.max(now + 10, JourneyModel.readTimeMillis(d.atStep()));
            BillingEvent event = journey.events().get(d.event());
            state = machine.apply(state, event, now, true).next();
            if (EntitlementMachine.triggersBillingRead(event.type())) {
                BillingSnapshot truth = journey.truthAfter(d.atStep());
                BillingSnapshot read = new BillingSnapshot(truth.customerId(), truth.found(), truth.deleted(),
                        truth.email(), truth.name(), truth.subscriptions(), now / 1000);
                state = machine.applySnapshot(state, read, now).next();
            }
        }
        return state;
    }

    /**
     * Every event at least once, a quarter of them twice; each delivered at a random step at or after the one that
     * created it (lag), in time order, ties in random order; the last delivery happens once the journey is over.
     */
    static List<Delivery> deliveries(JourneyModel journey, Random random) {
        int last = journey.stepCount() - 1;
        List<Delivery> out = new ArrayList<>();
        for (int i = 0; i < journey.events().size(); i++) {
            int copies = random.nextInt(4) == 0 ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                int from = journey.stepOfEvent(i);
                out.add(new Delivery(i, from + random.nextInt(last - from + 1)));
            }
        }
        java.util.Collections.shuffle(out, random);
        out.sort(Comparator.comparingInt(Delivery::atStep));
        if (!out.isEmpty()) {
            out.set(out.size() - 1, new Delivery(out.get(out.size() - 1).event(), last));
        }
        return out;
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<List<JourneyModel.Step>> journeys() {
        Arbitrary<JourneyModel.Step> step = Combinators.combine(
                Arbitraries.of(JourneyModel.Kind.class),
                Arbitraries.of(BASIC_PRICE, PRO_PRICE, "price_unknown"),
                Arbitraries.integers().between(1, 3)).as(JourneyModel.Step::new);
        // every kind, the refund and payment kinds of issue 20 among them, with the chance of any other
        return step.list().ofMinSize(0).ofMaxSize(12);
    }
}
