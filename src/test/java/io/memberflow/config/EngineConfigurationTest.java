package io.memberflow.config;

import io.memberflow.domain.MemberStatus;
import io.memberflow.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineConfigurationTest {

    private static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.putAll(extra);
        return ApplicationContext.run(props, "test");
    }

    @Test
    void givenPlansAndLifecycleTags_thenTheEngineSettingsHoldThem() {
        try (ApplicationContext ctx = start(Map.of(
                "memberflow.grace-period", "PT36H",
                "memberflow.plans.pro.stripe-price-ids", "price_a,price_b",
                "memberflow.plans.pro.circle-access-group-ids", "101",
                "memberflow.plans.pro.kit-tag-ids", "9001",
                "memberflow.kit.lifecycle-tag-ids.past-due", "9100"))) {
            var settings = ctx.getBean(EngineConfiguration.class).settings();
            assertThat(settings.gracePeriodMillis()).isEqualTo(36L * 3600 * 1000);
            assertThat(settings.plans()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("pro");
                assertThat(p.stripePriceIds()).containsExactlyInAnyOrder("price_a", "price_b");
                assertThat(p.accessGroupIds()).containsExactly(101L);
            });
            assertThat(settings.lifecycleTagIds()).containsEntry(MemberStatus.PAST_DUE, 9100L);
        }
    }

    @Test
    void givenAPriceInTwoPlans_thenStartupFailsNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of(
                "memberflow.plans.pro.stripe-price-ids", "price_a",
                "memberflow.plans.basic.stripe-price-ids", "price_a")).close())
                .hasStackTraceContaining("stripe-price-ids: price price_a is already in memberflow.plans.");
    }

    @Test
    void givenABadGracePeriod_thenStartupFailsNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of("memberflow.grace-period", "3 days")).close())
                .hasStackTraceContaining("memberflow.grace-period: '3 days' is not an ISO-8601 duration");
    }

    @Test
    void givenALifecycleTagForAnUnknownState_thenStartupFailsNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of("memberflow.kit.lifecycle-tag-ids.overdue", "1")).close())
                .hasStackTraceContaining("memberflow.kit.lifecycle-tag-ids.overdue names no member state");
    }

    @Test
    void givenAPlanWithoutPrices_thenStartupFailsNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of("memberflow.plans.empty.circle-access-group-ids", "1")).close())
                .hasStackTraceContaining("memberflow.plans.empty.stripe-price-ids must list at least one");
    }

    @Test
    void givenARealTemporalButNoWebhookSecret_thenStartupFails() {
        assertThatThrownBy(() -> start(Map.of("memberflow.temporal.address", "127.0.0.1:1",
                "memberflow.stripe.webhook-secrets", "")).close())
                .hasStackTraceContaining("STRIPE_WEBHOOK_SECRET");
    }
}
