package io.memberflow.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.standin.StripeEvents;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.support.HttpResult;
import io.memberflow.support.Webhooks;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class AdminApiTest implements DatabaseTest {
    static final String TOKEN = "admin-test-token-123";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN,
                "memberflow.plans.pro.stripe-price-ids", "price_admin_pro",
                "memberflow.plans.pro.circle-access-group-ids", "101",
                "memberflow.plans.pro.kit-tag-ids", "9001",
                "memberflow.kit.lifecycle-tag-ids.blocked", "9103");
    }

    @Inject
    @Client("/")
    HttpClient http;

    private final ObjectMapper json = new ObjectMapper();

    private HttpResult call(MutableHttpRequest<?> request) {
        return HttpResult.exchange(http.toBlocking(), request.bearerAuth(TOKEN));
    }

    private JsonNode customer(String id) {
        HttpResult r = call(HttpRequest.GET("/admin/customers/" + id));
        try {
            return r.status() == 200 ? json.readTree(r.body()) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String signUp(String email) {
        String customer = "cus_adm" + System.nanoTime();
        StripeEvents events = new StripeEvents(customer, email, System.currentTimeMillis() / 1000);
        assertThat(HttpResult.exchange(http.toBlocking(), Webhooks.signed(events.checkoutCompleted("sub_a", "price_admin_pro"))).status())
                .isEqualTo(200);
        Eventually.await("projection of " + customer, Duration.ofSeconds(15), () -> customer(customer),
                c -> c.path("accessGranted").asBoolean() && c.path("circleAccessGroupIds").toString().contains("101"));
        return customer;
    }

    @Test
    void givenNoToken_thenTheAdminApiAnswers401() {
        HttpResult r = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/customers/cus_x"));
        assertThat(r.status()).isEqualTo(401);
        HttpResult wrong = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/customers/cus_x").bearerAuth("nope"));
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void givenASignedUpCustomer_thenTheAdminViewShowsStateAccessTagsAndTimeline() {
        String id = signUp("Admin.View@Example.com");
        JsonNode c = customer(id);

        assertThat(c.path("customerId").asText()).isEqualTo(id);
        assertThat(c.path("email").asText()).isEqualTo("Admin.View@Example.com");
        assertThat(c.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(c.path("plan").asText()).isEqualTo("pro");
        assertThat(c.path("override").asText()).isEqualTo("NONE");
        assertThat(c.path("lastEventType").asText()).isEqualTo("checkout.session.completed");
        assertThat(c.path("lastEventId").asText()).startsWith("evt_");
        assertThat(c.has("lastEventAt")).isTrue();
        assertThat(c.path("supportTasks").isArray()).isTrue();
        assertThat(c.path("timeline").get(0).has("kind")).isTrue();
        assertThat(c.path("timeline").toString()).contains("checkout.session.completed").contains("circle grant access groups [101] done");

        HttpResult byEmail = call(HttpRequest.GET("/admin/customers?email=%20admin.view@example.COM%20"));
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.body()).contains(id);
    }

    @Test
    void givenAnOperatorRevokesAccess_thenTheOverrideHoldsUntilCleared() {
        String id = signUp("override@example.com");
        HttpResult r = call(HttpRequest.POST("/admin/customers/" + id + "/actions",
                Map.of("action", "revokeAccess", "actor", "sam", "reason", "chargeback suspected")));
        assertThat(r.status()).isEqualTo(202);

        JsonNode after = Eventually.await("override applied", Duration.ofSeconds(15), () -> customer(id),
                c -> c.path("override").asText().equals("REVOKE") && c.path("circleAccessGroupIds").isEmpty());
        assertThat(after.path("accessGranted").asBoolean()).isFalse();
        assertThat(after.path("timeline").toString()).contains("revokeAccess: chargeback suspected").contains("\"actor\":\"sam\"");

        call(HttpRequest.POST("/admin/customers/" + id + "/actions",
                Map.of("action", "clearOverride", "actor", "sam", "reason", "cleared")));
        Eventually.await("override cleared", Duration.ofSeconds(15), () -> customer(id),
                c -> c.path("override").asText().equals("NONE") && c.path("circleAccessGroupIds").toString().contains("101"));
    }

    @Test
    void givenAnActionWithoutReason_thenItIsRejectedWith400() {
        HttpResult r = call(HttpRequest.POST("/admin/customers/cus_any/actions", Map.of("action", "block", "actor", "sam")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("actor and reason are required");
        HttpResult unknown = call(HttpRequest.POST("/admin/customers/cus_any/actions",
                Map.of("action", "delete", "actor", "sam", "reason", "x")));
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void givenADispute_thenATaskIsOpenUntilResolvedAndNeedsAttentionFollows() {
        String id = signUp("dispute@example.com");
        String dispute = new StripeEvents(id, "dispute@example.com", System.currentTimeMillis() / 1000)
                .dispute("charge.dispute.created", "ch_adm", "needs_response")
                .replace("\"charge\":\"ch_adm\"", "\"charge\":\"ch_adm\",\"customer\":\"" + id + "\"");
        HttpResult.exchange(http.toBlocking(), Webhooks.signed(dispute));
        JsonNode blocked = Eventually.await("dispute applied", Duration.ofSeconds(15), () -> customer(id),
                c -> c.path("state").asText().equals("BLOCKED") && c.path("supportTasks").size() == 1 && c.path("needsAttention").asBoolean());
        long taskId = blocked.path("supportTasks").get(0).path("id").asLong();
        assertThat(blocked.path("supportTasks").get(0).path("kind").asText()).isEqualTo("dispute");
        assertThat(call(HttpRequest.GET("/admin/support-tasks?status=open")).body()).contains("\"id\":" + taskId);

        HttpResult resolved = call(HttpRequest.POST("/admin/support-tasks/" + taskId + "/resolve",
                Map.of("actor", "sam", "reason", "evidence submitted")));
        assertThat(resolved.status()).isEqualTo(202);

        JsonNode after = Eventually.await("task resolved", Duration.ofSeconds(15), () -> customer(id),
                c -> !c.path("needsAttention").asBoolean());
        assertThat(after.path("supportTasks").get(0).path("status").asText()).isEqualTo("resolved");
        assertThat(after.path("state").asText()).isEqualTo("BLOCKED");
    }
}
