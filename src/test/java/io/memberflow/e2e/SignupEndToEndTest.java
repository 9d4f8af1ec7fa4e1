package io.memberflow.e2e;

import io.memberflow.domain.MemberStatus;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.memberflow.workflow.CustomerRecord;
import io.memberflow.temporal.WorkflowGateway;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stripe webhook in, through the real workflow and activities, out to the faithful Circle and Kit stand-ins. */
@MicronautTest
class SignupEndToEndTest implements DatabaseTest {
    private static final CircleStandIn CIRCLE;
    private static final KitStandIn KIT;

    static {
        try {
            CIRCLE = new CircleStandIn("circle-secret-token", Duration.ZERO, 0, 0).accessGroup(101);
            KIT = new KitStandIn("kit-secret-key", Duration.ZERO, 0, 0).tag(9001);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("memberflow.circle.api-token", "circle-secret-token");
        p.put("memberflow.circle.api-url", CIRCLE.baseUrl());
        p.put("memberflow.kit.api-key", "kit-secret-key");
        p.put("memberflow.kit.api-url", KIT.baseUrl());
        p.put("memberflow.plans.pro.stripe-price-ids[0]", "price_e2e_pro");
        p.put("memberflow.plans.pro.circle-access-group-ids[0]", "101");
        p.put("memberflow.plans.pro.kit-tag-ids[0]", "9001");
        return p;
    }

    @AfterAll
    void stopServers() {
        CIRCLE.close();
        KIT.close();
    }

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    WorkflowGateway gateway;

    @Test
    void givenASignupThroughTheWebhook_thenTheMemberGetsCircleAccessAndThenKitTags() throws Exception {
        String customer = "cus_e2e" + System.nanoTime();
        StripeEvents events = new StripeEvents(customer, "e2e@example.com", System.currentTimeMillis() / 1000);

        HttpResult result = HttpResult.exchange(http.toBlocking(),
                Webhooks.signed(events.checkoutCompleted("sub_e2e", "price_e2e_pro")));
        assertThat(result.status()).isEqualTo(200);

        CustomerRecord state = Eventually.await("access and tags applied", Duration.ofSeconds(20),
                () -> gateway.existing(customer).state(),
                r -> r.member().applied().accessGroupIds().contains(101L) && r.member().applied().tagIds().contains(9001L));

        assertThat(state.member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(state.member().planName()).isEqualTo("pro");
        assertThat(CIRCLE.seen()).extracting(StandIn.Seen::kind)
                .containsSubsequence("GET search member", "POST create member", "POST grant");
        assertThat(KIT.seen()).extracting(StandIn.Seen::kind).containsSubsequence("POST upsert subscriber", "POST tag");
        long granted = CIRCLE.firstGrantMillis("e2e@example.com");
        assertThat(KIT.seen()).as("access before marketing tags").allSatisfy(k -> assertThat(k.atMillis()).isGreaterThanOrEqualTo(granted));
        assertThat(CIRCLE.groupsOf("e2e@example.com")).containsExactly(101L);
        assertThat(KIT.tagged(9001, "e2e@example.com")).isTrue();
        assertThat(CIRCLE.counts()).doesNotContainKey("401");
    }
}
