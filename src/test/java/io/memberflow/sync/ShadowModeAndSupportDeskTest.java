package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.SupportTaskInput;
import io.memberflow.activities.TagChange;
import io.memberflow.persistence.ShadowCallRepository;
import io.memberflow.persistence.SupportTask;
import io.memberflow.persistence.SupportTaskRepository;
import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Without credentials Circle and Kit record calls instead of making them; support tasks open once per key. */
@MicronautTest
class ShadowModeAndSupportDeskTest implements DatabaseTest {
    private static final MockWebServer SLACK = new MockWebServer();

    static {
        try {
            SLACK.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.support.webhook-url", SLACK.url("/hook").toString());
    }

    @AfterAll
    void stop() throws IOException {
        SLACK.shutdown();
    }

    @Inject
    CommunityAccessActivities circle;
    @Inject
    MarketingActivities kit;
    @Inject
    SupportDesk desk;
    @Inject
    ShadowCallRepository shadowCalls;
    @Inject
    SupportTaskRepository tasks;

    @Test
    void givenNoCredentials_thenTheShadowBeansStandInForCircleAndKit() {
        assertThat(circle).isInstanceOf(ShadowCommunityAccess.class);
        assertThat(kit).isInstanceOf(ShadowMarketing.class);
    }

    @Test
    void givenNoCredentials_thenVendorCallsAreRecordedWithoutTheEmail() {
        String customer = "cus_shadow" + System.nanoTime();
        circle.grantAccess(new AccessChange(customer, "secret.person@example.com", "Ada", Set.of(102L, 101L), "evt_1"));
        kit.addTags(new TagChange(customer, "secret.person@example.com", "Ada", Set.of(9001L), "evt_1"));
        circle.revokeAccess(new AccessChange(customer, "secret.person@example.com", "Ada", Set.of(101L), "evt_2"));

        var calls = shadowCalls.findByCustomerIdOrderByIdAsc(customer);
        assertThat(calls).extracting(c -> c.vendor() + " " + c.operation() + " " + c.targetIds() + " " + c.cause())
                .containsExactly("circle grant_access 101,102 evt_1", "kit add_tags 9001 evt_1", "circle revoke_access 101 evt_2");
        assertThat(calls.toString()).doesNotContain("example.com");
    }

    @Inject
    javax.sql.DataSource dataSource;

    /** Kit would not be asked to tag a subscriber it reported as unsubscribed, so the shadow records nothing either. */
    @Test
    void givenASuppressedSubscriber_thenTheShadowRecordsNoTagForThem() throws Exception {
        String customer = "cus_shadow_suppressed" + System.nanoTime();
        String email = customer + "@example.com";
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(email.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("INSERT INTO kit_suppression"
                + " (email_sha256, reason, kit_event_id, recorded_at) VALUES (?, 'unsubscribed', ?, now())")) {
            st.setString(1, java.util.HexFormat.of().formatHex(digest));
            st.setString(2, "kit_evt_" + customer);
            st.executeUpdate();
        }

        kit.addTags(new TagChange(customer, email, "Ada", Set.of(9001L), "evt_1"));
        kit.removeTags(new TagChange(customer, email, "Ada", Set.of(9002L), "evt_2"));

        assertThat(shadowCalls.findByCustomerIdOrderByIdAsc(customer)).extracting(c -> c.operation() + " " + c.targetIds())
                .containsExactly("remove_tags 9002");
    }

    @Test
    void givenTheSameTaskKeyTwice_thenOneTaskIsOpenedAndPostedOnce() throws InterruptedException {
        String customer = "cus_task" + System.nanoTime();
        SLACK.enqueue(new MockResponse().setResponseCode(200));
        var input = new SupportTaskInput(customer + ":dispute:evt_9", customer, "dispute", "evt_9",
                "Dispute opened on ch_1 (fraudulent)", Map.of("chargeId", "ch_1"));

        long first = desk.openTask(input);
        long second = desk.openTask(input);

        assertThat(second).isEqualTo(first);
        assertThat(tasks.findByCustomerIdOrderByCreatedAtDesc(customer)).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(SupportTask.OPEN);
            assertThat(t.kind()).isEqualTo("dispute");
            assertThat(t.context()).contains("\"chargeId\":\"ch_1\"");
        });
        RecordedRequest post = SLACK.takeRequest(5, TimeUnit.SECONDS);
        assertThat(post).isNotNull();
        assertThat(post.getBody().readUtf8()).startsWith("{\"text\":").contains("dispute").contains(customer);
        assertThat(SLACK.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
    }
}
