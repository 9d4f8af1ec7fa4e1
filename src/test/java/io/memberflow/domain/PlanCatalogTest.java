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
    void givenPricesOfTwoPlans_thenTheFirstPlanInCatalogOrderWins() {
        assertThat(catalog.planForPrices(List.of(PRO_PRICE, BASIC_PRICE))).map(Plan::name).contains("basic");
        assertThat(catalog.planForPrices(List.of("price_addon", PRO_PRICE))).map(Plan::name).contains("pro");
    }

    @Test
    void givenUnknownOrNoPrices_thenNoPlan() {
        assertThat(catalog.planForPrices(List.of("price_unknown"))).isEmpty();
        assertThat(catalog.planForPrices(List.of())).isEmpty();
        assertThat(catalog.planForPrices(null)).isEmpty();
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
