package io.memberflow.vendors;

import com.stripe.StripeClient;
import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.backfill.CustomerBackfill;
import io.memberflow.catchup.CatchUpWorker;
import io.memberflow.catchup.StripeCatchUp;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.quota.CircleQuota;
import io.memberflow.reconcile.ReconcileRunner;
import io.memberflow.reconcile.ReconcileWorker;
import io.memberflow.support.TestDatabase;
import io.memberflow.sync.CircleCommunityAccess;
import io.memberflow.sync.KitMarketing;
import io.memberflow.sync.ShadowCommunityAccess;
import io.memberflow.sync.ShadowMarketing;
import io.memberflow.sync.StripeBillingReader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The vendor credentials choose the beans: a set credential gets that vendor's real clients and activities, a
 * missing or blank one its shadow twins; each configuration is a context of its own.
 */
class VendorClientsTest {

    private static ApplicationContext start(Map<String, Object> vendors) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.putAll(vendors);
        return ApplicationContext.run(props, "test");
    }

    private static Map<String, Object> everyVendor(String circleUrl) {
        return Map.of("memberflow.circle.api-token", "circle-token", "memberflow.circle.api-url", circleUrl,
                "memberflow.kit.api-key", "kit-key", "memberflow.kit.api-url", "http://127.0.0.1:9/v4",
                "memberflow.stripe.api-key", "sk_test_vendors", "memberflow.stripe.api-base", "http://127.0.0.1:9");
    }

    @Test
    void givenEveryCredential_thenTheRealClientsAndActivitiesAreBeans_andNoShadowBean() {
        try (ApplicationContext ctx = start(everyVendor("http://127.0.0.1:9/api/admin/v2"))) {
            CircleClient live = ctx.getBean(CircleClient.class, Qualifiers.byName(VendorClients.LIVE));
            CircleClient background = ctx.getBean(CircleClient.class, Qualifiers.byName(VendorClients.BACKGROUND));
            assertThat(live).isNotSameAs(background)
                    .isSameAs(ctx.getBean(CircleClient.class, Qualifiers.byName(VendorClients.LIVE)));
            assertThat(ctx.getBean(KitClient.class, Qualifiers.byName(VendorClients.LIVE)))
                    .isNotSameAs(ctx.getBean(KitClient.class, Qualifiers.byName(VendorClients.BACKGROUND)));
            assertThat(ctx.getBean(StripeClient.class)).isSameAs(ctx.getBean(StripeClient.class));

            assertThat(ctx.getBean(CommunityAccessActivities.class)).isInstanceOf(CircleCommunityAccess.class);
            assertThat(ctx.getBean(MarketingActivities.class)).isInstanceOf(KitMarketing.class);
            assertThat(ctx.getBean(BillingActivities.class)).isInstanceOf(StripeBillingReader.class);
            assertThat(ctx.containsBean(ShadowCommunityAccess.class)).isFalse();
            assertThat(ctx.containsBean(ShadowMarketing.class)).isFalse();

            assertThat(ctx.getBean(CustomerBackfill.class).enabled()).isTrue();
            assertThat(ctx.containsBean(StripeCatchUp.class)).isTrue();
            assertThat(ctx.containsBean(CatchUpWorker.class)).isTrue();
            assertThat(ctx.getBean(ReconcileRunner.class).enabled()).isTrue();
            assertThat(ctx.getBean(ReconcileWorker.class).skipped()).isEmpty();
        }
    }

    @Test
    void givenNoCredential_thenNoVendorClientIsABean_andTheShadowBeansStandIn() {
        try (ApplicationContext ctx = start(Map.of())) {
            assertThat(ctx.getBeansOfType(CircleClient.class)).isEmpty();
            assertThat(ctx.getBeansOfType(KitClient.class)).isEmpty();
            assertThat(ctx.getBeansOfType(StripeClient.class)).isEmpty();

            assertThat(ctx.getBean(CommunityAccessActivities.class)).isInstanceOf(ShadowCommunityAccess.class);
            assertThat(ctx.getBean(MarketingActivities.class)).isInstanceOf(ShadowMarketing.class);
            BillingActivities billing = ctx.getBean(BillingActivities.class);
            assertThat(billing).isNotInstanceOf(StripeBillingReader.class);
            assertThat(catchThrowable(() -> billing.readBilling("cus_1"))).hasMessageContaining("no STRIPE_API_KEY");
            assertThat(ctx.containsBean(CircleCommunityAccess.class)).isFalse();
            assertThat(ctx.containsBean(KitMarketing.class)).isFalse();

            assertThat(ctx.getBean(CustomerBackfill.class).enabled()).isFalse();
            assertThat(ctx.containsBean(StripeCatchUp.class)).isFalse();
            assertThat(ctx.containsBean(CatchUpWorker.class)).isFalse();
            assertThat(ctx.getBean(ReconcileRunner.class).enabled()).isFalse();
            assertThat(ctx.getBean(ReconcileWorker.class).skipped()).contains("Circle and Kit are in shadow mode");
        }
    }

    @Test
    void givenBlankCredentials_thenTheyCountAsMissing() {
        try (ApplicationContext ctx = start(Map.of("memberflow.circle.api-token", "  ", "memberflow.kit.api-key", " ",
                "memberflow.stripe.api-key", " "))) {
            assertThat(ctx.getBeansOfType(CircleClient.class)).isEmpty();
            assertThat(ctx.getBean(CommunityAccessActivities.class)).isInstanceOf(ShadowCommunityAccess.class);
            assertThat(ctx.getBean(MarketingActivities.class)).isInstanceOf(ShadowMarketing.class);
            assertThat(ctx.getBeansOfType(StripeClient.class)).isEmpty();
        }
    }

    /** The documented base URLs (api.circle.so admin v2, developers.kit.com v4) when only a credential is set. */
    @Test
    void givenOnlyCredentials_thenTheClientsUseTheVendorsPublicBaseUrls() {
        try (ApplicationContext ctx = start(Map.of("memberflow.circle.api-token", "circle-token",
                "memberflow.kit.api-key", "kit-key"))) {
            assertThat(ctx.getBean(io.memberflow.config.IntegrationProperties.Circle.class).apiUrl())
                    .isEqualTo("https://app.circle.so/api/admin/v2");
            assertThat(ctx.getBean(io.memberflow.config.IntegrationProperties.Kit.class).apiUrl())
                    .isEqualTo("https://api.kit.com/v4");
            assertThat(ctx.getBean(CommunityAccessActivities.class)).isInstanceOf(CircleCommunityAccess.class);
            assertThat(ctx.getBean(MarketingActivities.class)).isInstanceOf(KitMarketing.class);
        }
    }

    @Test
    void givenOnlyCircle_thenCircleIsRealAndKitIsShadow_andReconciliationComparesCircle() {
        try (ApplicationContext ctx = start(Map.of("memberflow.circle.api-token", "circle-token"))) {
            assertThat(ctx.getBean(CommunityAccessActivities.class)).isInstanceOf(CircleCommunityAccess.class);
            assertThat(ctx.getBean(MarketingActivities.class)).isInstanceOf(ShadowMarketing.class);
            assertThat(ctx.getBeansOfType(KitClient.class)).isEmpty();
            assertThat(ctx.getBean(ReconcileRunner.class).enabled()).isTrue();
        }
    }

    /** The live client spends Circle's quota as live, the background client as background (api.circle.so usage rules). */
    @Test
    void givenTheTwoCircleClients_thenEachCountsItsRequestsUnderItsOwnPurpose() throws Exception {
        try (MockWebServer circle = new MockWebServer()) {
            circle.start();
            for (int i = 0; i < 2; i++) {
                circle.enqueue(new MockResponse().setResponseCode(404).setBody("{\"message\":\"not found\"}"));
            }
            try (ApplicationContext ctx = start(everyVendor(circle.url("/api/admin/v2").toString()))) {
                CircleQuota quota = ctx.getBean(CircleQuota.class);
                long live = quota.usage().live();
                long background = quota.usage().background();

                catchThrowable(() -> ctx.getBean(CircleClient.class, Qualifiers.byName(VendorClients.LIVE))
                        .findMember("a@example.test"));
                assertThat(quota.usage().live()).isEqualTo(live + 1);
                assertThat(quota.usage().background()).isEqualTo(background);

                catchThrowable(() -> ctx.getBean(CircleClient.class, Qualifiers.byName(VendorClients.BACKGROUND))
                        .findMember("a@example.test"));
                assertThat(quota.usage().background()).isEqualTo(background + 1);
                assertThat(quota.usage().live()).isEqualTo(live + 1);
            }
        }
    }
}
