package io.memberflow.domain;

import static io.memberflow.domain.Fixtures.BASIC_PRICE;
import static io.memberflow.domain.Fixtures.BASIC_YEARLY_PRICE;
import static io.memberflow.domain.Fixtures.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanCatalogTest {
    private final PlanCatalog catalog = Fixtures.catalog();

    @Test
    void givenAPriceIdInTwoPlans_thenTheCatalogIsRejectedNamingThePriceAndBothPlans() {
        Plan other = new Plan("legacy", Set.of("price_legacy", BASIC_YEARLY_PRICE), Set.of(9L), Set.of());

        assertThatThrownBy(() -> new PlanCatalog(List.of(Fixtures.basicPlan(), other), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BASIC_YEARLY_PRICE)
                .hasMessageContaining("basic")
                .hasMessageContaining("legacy");
    }

    @Test
    void givenTwoPlansWithTheSameName_thenTheCatalogIsRejected() {
        Plan twin = new Plan("basic", Set.of("price_other"), Set.of(), Set.of());

        assertThatThrownBy(() -> new PlanCatalog(List.of(Fixtures.basicPlan(), twin), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basic");
    }

    @Test
    void givenABlankPlanName_thenThePlanIsRejected() {
        assertThatThrownBy(() -> new Plan(" ", Set.of(), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenPricesOfTwoPlans_thenNoPlanIsPickedAndTheProblemNamesBoth() {
        PlanCatalog.PlanMatch match = catalog.match(List.of(PRO_PRICE, BASIC_PRICE));

        assertThat(match.planName()).isNull();
        assertThat(match.problem()).contains("several plans").contains("basic").contains("pro");
    }

    @Test
    void givenOnePlanPriceBesideAnAddOnInNoPlan_thenThatPlanIsChosen() {
        assertThat(catalog.match(List.of("price_addon", PRO_PRICE))).isEqualTo(new PlanCatalog.PlanMatch("pro", null));
    }

    @Test
    void givenUnknownOrNoPrices_thenNoPlanAndOnlyTheUnknownPriceIsAProblem() {
        assertThat(catalog.match(List.of("price_unknown")).planName()).isNull();
        assertThat(catalog.match(List.of("price_unknown")).problem()).isEqualTo("price price_unknown is in no configured plan");
        assertThat(catalog.match(List.of())).isEqualTo(new PlanCatalog.PlanMatch(null, null));
        assertThat(catalog.match(null)).isEqualTo(new PlanCatalog.PlanMatch(null, null));
    }

    @Test
    void givenAPlanName_thenThePlanIsFound() {
        assertThat(catalog.plan("pro")).contains(Fixtures.proPlan());
        assertThat(catalog.plan("gold")).isEmpty();
        assertThat(catalog.plan(null)).isEmpty();
    }

    @Test
    void givenLifecycleTags_thenOnlyConfiguredStatusesHaveOne() {
        PlanCatalog partial = new PlanCatalog(List.of(), Map.of(MemberStatus.ACTIVE, 7L));

        assertThat(partial.lifecycleTag(MemberStatus.ACTIVE)).contains(7L);
        assertThat(partial.lifecycleTag(MemberStatus.CANCELED)).isEmpty();
        assertThat(new PlanCatalog(List.of(), null).lifecycleTag(MemberStatus.ACTIVE)).isEmpty();
    }

    @Test
    void givenPlanSets_thenTheyIterateInSortedOrderForDeterministicReplay() {
        Plan plan = new Plan("p", Set.of("b", "c", "a"), Set.of(30L, 10L, 20L), Set.of(3L, 1L, 2L));

        assertThat(plan.stripePriceIds()).containsExactly("a", "b", "c");
        assertThat(plan.accessGroupIds()).containsExactly(10L, 20L, 30L);
        assertThat(plan.tagIds()).containsExactly(1L, 2L, 3L);
    }
}
