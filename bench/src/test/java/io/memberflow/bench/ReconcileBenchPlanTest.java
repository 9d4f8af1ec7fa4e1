package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StandIn;
import io.memberflow.standin.StripeStandIn;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code bench --reconcile}: its options, and the drift it introduces and checks at the stand-ins. */
class ReconcileBenchPlanTest {

    @Test
    void optionsSplitTheirOwnFromTheJourneyBenchesAndDefaultALongSettle() {
        ReconcileOptions r = ReconcileOptions.parse(new String[]{"--reconcile", "--customers", "1000", "--rate", "100",
                "--drift", "0.05", "--billing-ended", "3", "--temporal", "127.0.0.1:7233", "--json", "out.json"});

        assertThat(r.drift()).isEqualTo(0.05);
        assertThat(r.billingEnded()).isEqualTo(3);
        assertThat(r.unknownMembers()).isEqualTo(5);
        assertThat(r.repairTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.bench().customers()).isEqualTo(1000);
        assertThat(r.bench().rate()).isEqualTo(100.0);
        assertThat(r.bench().temporal()).isEqualTo("127.0.0.1:7233");
        assertThat(r.bench().jsonPath()).isEqualTo("out.json");
        assertThat(r.bench().settle()).isEqualTo(Duration.ofSeconds(600));
        assertThat(ReconcileOptions.parse(new String[]{"--settle", "90s"}).bench().settle()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void optionsRefuseWhatWouldChangeTheVendorsAndDriftBeyondTheCustomers() {
        assertThatThrownBy(() -> ReconcileOptions.parse(new String[]{"--kit-rate-limit", "60"}))
                .hasMessageContaining("--kit-rate-limit");
        assertThatThrownBy(() -> ReconcileOptions.parse(new String[]{"--url", "http://x"})).hasMessageContaining("--url");
        assertThatThrownBy(() -> ReconcileOptions.parse(new String[]{"--drift", "1.5"})).hasMessageContaining("--drift");
        assertThatThrownBy(() -> ReconcileOptions.parse(new String[]{"--customers", "10", "--drift", "0.5",
                "--billing-ended", "6"})).hasMessageContaining("more customers");
        assertThatThrownBy(() -> ReconcileOptions.parse(new String[]{"--drift"})).hasMessageContaining("missing value");
    }

    @Test
    void driftIsSplitOverTheKindsWithNoCustomerTwiceAndTheSameSeedChoosesTheSame() {
        List<StripeObjects> customers = customers(1000);

        DriftPlan plan = DriftPlan.choose(customers, 0.02, 5, 4, 7, "t");

        assertThat(plan.introduced()).containsExactly(
                java.util.Map.entry(DriftPlan.CIRCLE_MISSING, 7), java.util.Map.entry(DriftPlan.KIT_TAG_EXTRA, 7),
                java.util.Map.entry(DriftPlan.KIT_TAG_MISSING, 6), java.util.Map.entry(DriftPlan.BILLING_ENDED, 5),
                java.util.Map.entry(DriftPlan.UNKNOWN, 4));
        Set<String> ids = new HashSet<>();
        int chosen = 0;
        for (String kind : List.of(DriftPlan.CIRCLE_MISSING, DriftPlan.KIT_TAG_EXTRA, DriftPlan.KIT_TAG_MISSING,
                DriftPlan.BILLING_ENDED)) {
            plan.of(kind).forEach(c -> ids.add(c.customerId));
            chosen += plan.of(kind).size();
        }
        assertThat(ids).hasSize(chosen).hasSize(25);
        assertThat(DriftPlan.choose(customers, 0.02, 5, 4, 7, "t").of(DriftPlan.BILLING_ENDED))
                .extracting(c -> c.customerId)
                .containsExactlyElementsOf(plan.of(DriftPlan.BILLING_ENDED).stream().map(c -> c.customerId).toList());
    }

    @Test
    void appliedDriftShowsAsUnrepairedUntilTheStandInsAreBackAsBillingWants() throws Exception {
        List<StripeObjects> customers = customers(30);
        try (CircleStandIn circle = new CircleStandIn("tok", Duration.ZERO, 0, 0);
             KitStandIn kit = new KitStandIn("key", Duration.ZERO, 0, 0);
             StripeStandIn stripe = new StripeStandIn("sk", Duration.ZERO, 0)) {
            for (StripeObjects c : customers) { // as after signup: access, plan tag, active subscription
                circle.seedMember(c.email, Set.of(MemberflowLauncher.PLAN_GROUP));
                kit.seedSubscriber(c.email, Set.of(MemberflowLauncher.PLAN_TAG));
                c.putInto(stripe);
            }
            DriftPlan plan = DriftPlan.choose(customers, 0.1, 2, 3, 1, "t");
            assertThat(plan.allRepaired(circle, kit)).isFalse(); // billing ended: not yet revoked

            plan.apply(circle, kit, stripe, 1_800_000_000L);

            assertThat(plan.unrepaired(circle, kit)).containsEntry(DriftPlan.CIRCLE_MISSING, 1)
                    .containsEntry(DriftPlan.KIT_TAG_EXTRA, 1).containsEntry(DriftPlan.KIT_TAG_MISSING, 1)
                    .containsEntry(DriftPlan.BILLING_ENDED, 2).containsEntry(DriftPlan.UNKNOWN, 3);
            assertThat(plan.untouchedButChanged(customers, circle, kit)).isZero();

            // what memberflow's repairs would do
            plan.of(DriftPlan.CIRCLE_MISSING).forEach(c -> circle.seedMember(c.email, Set.of(MemberflowLauncher.PLAN_GROUP)));
            plan.of(DriftPlan.KIT_TAG_EXTRA).forEach(c -> kit.removeTag(c.email, DriftPlan.PAST_DUE_TAG));
            plan.of(DriftPlan.KIT_TAG_MISSING).forEach(c -> kit.seedSubscriber(c.email, Set.of(MemberflowLauncher.PLAN_TAG)));
            assertThat(plan.allRepaired(circle, kit)).isFalse();
            plan.of(DriftPlan.BILLING_ENDED).forEach(c -> {
                circle.removeFromGroup(c.email, MemberflowLauncher.PLAN_GROUP);
                kit.removeTag(c.email, MemberflowLauncher.PLAN_TAG);
            });

            assertThat(plan.allRepaired(circle, kit)).isTrue();
            assertThat(plan.unrepaired(circle, kit)).containsEntry(DriftPlan.UNKNOWN, 3) // left for support
                    .containsEntry(DriftPlan.CIRCLE_MISSING, 0).containsEntry(DriftPlan.BILLING_ENDED, 0);
            Set<String> drifted = new HashSet<>();
            for (String kind : List.of(DriftPlan.CIRCLE_MISSING, DriftPlan.KIT_TAG_EXTRA, DriftPlan.KIT_TAG_MISSING,
                    DriftPlan.BILLING_ENDED)) {
                plan.of(kind).forEach(c -> drifted.add(c.customerId));
            }
            StripeObjects bystander = customers.stream().filter(c -> !drifted.contains(c.customerId)).findFirst().orElseThrow();
            kit.seedSubscriber(bystander.email, Set.of(DriftPlan.CANCELED_TAG));
            assertThat(plan.untouchedButChanged(customers, circle, kit)).isEqualTo(1);
        }
    }

    @Test
    void servedCallsSplitListsFromRepairsAndRefusals() {
        ServedCalls before = new ServedCalls(java.util.Map.of("POST grant", 10L), java.util.Map.of(), java.util.Map.of());
        ServedCalls after = new ServedCalls(java.util.Map.of("POST grant", 12L, CircleStandIn.LIST_MEMBERS, 3L,
                StandIn.RATE_LIMITED, 1L), java.util.Map.of(KitStandIn.LIST_SUBSCRIBERS, 2L), java.util.Map.of());

        ServedCalls during = after.minus(before);

        assertThat(during.row()).isEqualTo("circle 3 list + 2 other, 1 refused; kit 2 list + 0 other, 0 refused;"
                + " stripe 0 list + 0 other, 0 refused");
    }

    private static List<StripeObjects> customers(int n) {
        List<StripeObjects> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new StripeObjects("t" + i, "t" + i + "@example.test", MemberflowLauncher.PLAN_PRICE, 1_760_000_000L));
        }
        return list;
    }
}
