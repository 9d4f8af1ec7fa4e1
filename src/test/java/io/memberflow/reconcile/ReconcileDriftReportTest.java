package io.memberflow.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /admin/reconcile} and the {@code reconcile} command against the real {@code customer_view} and
 * stand-ins for Circle and Kit. Plan "pro": Circle group 101, Kit tag 9001; lifecycle tag past-due 9102.
 */
@MicronautTest(transactional = false)
class ReconcileDriftReportTest implements DatabaseTest {
    static final String TOKEN = "admin-reconcile-token-123";
    static final ReconcileStandIns VENDORS = new ReconcileStandIns();
    static final ObjectMapper MAPPER = new ObjectMapper();
    final String tag = Long.toString(System.nanoTime(), 36);

    @Override
    public Map<String, String> extraProperties() {
        return VENDORS.properties(TOKEN, "price_reconcile", Map.of("memberflow.kit.lifecycle-tag-ids.past-due", "9102"));
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EmbeddedServer server;
    @Inject
    CustomerViewStore store;

    @AfterAll
    void stop() throws IOException {
        VENDORS.close();
    }

    /** A paying "pro" customer as memberflow recorded it: group 101 and tag 9001 applied. */
    private String payingCustomer(String name, long subscriberId) {
        String customer = "cus_rc" + tag + "_" + name;
        store.write(new CustomerSnapshot(customer, "customer-" + customer, email(customer), "ACTIVE", "pro", true,
                Set.of(101L), Set.of(9001L), "NONE", "evt_" + name, "invoice.paid", 1_700_000_000L, false, null, 1, null), List.of());
        VENDORS.payingMember(email(customer));
        return customer;
    }

    private static String email(String customer) {
        return customer.replace('_', '-') + "@example.com";
    }

    private HttpResult post(String body, String token) {
        var request = HttpRequest.POST("/admin/reconcile", body).contentType(MediaType.APPLICATION_JSON_TYPE);
        return HttpResult.exchange(http.toBlocking(), token == null ? request : request.bearerAuth(token));
    }

    private JsonNode page(String afterCustomerId, int limit) throws IOException {
        HttpResult result = post("{\"afterCustomerId\":\"" + afterCustomerId + "\",\"limit\":" + limit + "}", TOKEN);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.body()).doesNotContain("@example.com");
        return MAPPER.readTree(result.body());
    }

    /** The page holding just this customer: its id less the last character sorts right before it. */
    private JsonNode reportOn(String customer) throws IOException {
        JsonNode page = page(customer.substring(0, customer.length() - 1), 1);
        assertThat(page.path("nextAfterCustomerId").asText()).isEqualTo(customer);
        return page;
    }

    @Test
    void givenAMemberRemovedFromTheCircleGroupByHand_thenTheReportSaysCircleMissing() throws IOException {
        String customer = payingCustomer("removed", 501);
        VENDORS.circle.removeFromGroup(email(customer), 101);

        JsonNode page = reportOn(customer);

        assertThat(page.path("counts").path("circle_missing").asInt()).isEqualTo(1);
        assertThat(page.path("counts").path("ok").asInt()).isZero();
        assertThat(page.path("examples").get(0).toString())
                .contains("\"customerId\":\"" + customer + "\"", "\"kind\":\"circle_missing\"", "\"ids\":[101]");
    }

    @Test
    void givenAPlanTagAddedAtKitByHand_thenTheReportSaysKitTagExtra() throws IOException {
        String customer = payingCustomer("tagged", 502);
        // the past-due lifecycle tag, which memberflow has not applied, and 4242, which it does not manage: not drift
        VENDORS.kit.seedSubscriber(email(customer), java.util.Set.of(9102L, 4242L));

        JsonNode page = reportOn(customer);

        assertThat(page.path("counts").path("kit_tag_extra").asInt()).isEqualTo(1);
        assertThat(page.path("examples")).hasSize(1);
        assertThat(page.path("examples").get(0).toString()).contains("\"kind\":\"kit_tag_extra\"", "\"ids\":[9102]");
    }

    @Test
    void givenATagRemovedAtKitByHand_thenTheReportSaysKitTagMissing() throws IOException {
        String customer = payingCustomer("untagged", 503);
        VENDORS.kit.removeTag(email(customer), 9001);

        JsonNode page = reportOn(customer);

        assertThat(page.path("counts").path("kit_tag_missing").asInt()).isEqualTo(1);
        assertThat(page.path("examples").get(0).toString()).contains("\"kind\":\"kit_tag_missing\"", "\"ids\":[9001]");
    }

    @Test
    void givenACustomerInSyncWithCircleAndKit_thenTheReportSaysOk() throws IOException {
        String customer = payingCustomer("insync", 504);

        JsonNode page = reportOn(customer);

        assertThat(page.path("customers").asInt()).isEqualTo(1);
        assertThat(page.path("counts").path("ok").asInt()).isEqualTo(1);
        assertThat(page.path("examples")).isEmpty();
        assertThat(page.path("circle").asText()).isEqualTo("checked");
        assertThat(page.path("kit").asText()).isEqualTo("checked");
    }

    @Test
    void givenSmallPages_thenEachResumesFromNextAfterCustomerIdAndNoCustomerIsCheckedTwice() throws IOException {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            customers.add(payingCustomer("page" + i, 600 + i));
        }
        String after = "cus_rc" + tag + "_page";
        long checksBefore = VENDORS.circle.served(io.memberflow.standin.CircleStandIn.CHECK_MEMBER);
        List<Integer> sizes = new ArrayList<>();
        while (after.startsWith("cus_rc" + tag + "_page")) {
            JsonNode page = page(after, 3);
            sizes.add(page.path("customers").asInt());
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
            after = page.path("nextAfterCustomerId").asText();
        }

        assertThat(sizes.subList(0, 2)).containsExactly(3, 3);
        // every customer here has one applied group: one membership check per customer a page held, none twice
        assertThat(VENDORS.circle.served(io.memberflow.standin.CircleStandIn.CHECK_MEMBER) - checksBefore)
                .isEqualTo(sizes.stream().mapToInt(Integer::intValue).sum());
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(customers.size());
    }

    @Test
    void givenTheReconcileCommand_thenItPagesThroughTheReportWithProgressAndASummary() {
        String drifted = payingCustomer("cli_drift", 701);
        payingCustomer("cli_ok", 702);
        VENDORS.circle.removeFromGroup(email(drifted), 101);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = ReconcileCommand.run(Map.of("url", server.getURL().toString(), "admin-token", TOKEN, "limit", "1",
                "after", "cus_rc" + tag + "_cli"), new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(3);
        assertThat(printed).contains("[reconcile] 1 customers", "[reconcile] 2 customers", "/s",
                "Drift report done", "repair by hand").containsPattern("circle_missing [1-9]").containsPattern(drifted + "\\s+circle_missing\\s+\\[101]");
        assertThat(printed).doesNotContain("@example.com").doesNotContain(TOKEN);
    }

    @Test
    void givenNoAdminToken_thenTheReportIsRefused() {
        long checks = VENDORS.circle.total();

        assertThat(post("{}", null).status()).isEqualTo(401);
        assertThat(post("{}", "wrong-token").status()).isEqualTo(401);
        assertThat(VENDORS.circle.total()).as("Circle not called").isEqualTo(checks);
    }
}
