package io.memberflow.catchup;

import io.memberflow.inbox.InboxRows;
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
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /admin/catch-up} and the {@code catch-up} command, through the catch-up workflow on Temporal. */
@MicronautTest(transactional = false)
class CatchUpAdminTest implements DatabaseTest {
    static final String TOKEN = "admin-catch-up-token-123";
    static final StandInStripe STRIPE = new StandInStripe();

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.stripe.api-key", StandInStripe.KEY,
                "memberflow.stripe.api-base", STRIPE.base(),
                "memberflow.admin.token", TOKEN);
    }

    @AfterAll
    void stop() throws IOException {
        STRIPE.close();
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EmbeddedServer server;
    @Inject
    InboxRows inbox;

    private HttpResult post(String body, String token) {
        var request = HttpRequest.POST("/admin/catch-up", body).contentType(MediaType.APPLICATION_JSON_TYPE);
        return HttpResult.exchange(http.toBlocking(), token == null ? request : request.bearerAuth(token));
    }

    @Test
    void givenNoAdminToken_thenTheCatchUpIsRefused() {
        int stripeCalls = STRIPE.listRequests.get();

        assertThat(post("{}", null).status()).isEqualTo(401);
        assertThat(post("{}", "wrong-token").status()).isEqualTo(401);
        assertThat(STRIPE.listRequests.get()).as("Stripe not called").isEqualTo(stripeCalls);
    }

    @Test
    void givenTheAdminTokenAndASinceTime_thenTheWorkflowRecoversTheMissedEventsAndAnswersItsCounts() {
        CatchUpFixture f = new CatchUpFixture(STRIPE, inbox);
        String since = f.now.minus(Duration.ofHours(6)).toString();

        HttpResult result = post("{\"since\":\"" + since + "\"}", TOKEN);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("\"recovered\":12").contains("\"workflowId\":\"stripe-catch-up-manual-");
        for (String id : f.missedIds()) {
            assertThat(inbox.findById(id)).isPresent();
        }
    }

    @Test
    void givenASinceThatIsNotATime_thenTheAnswerIs400() {
        HttpResult result = post("{\"since\":\"yesterday\"}", TOKEN);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.body()).contains("invalid_request").contains("ISO-8601");
    }

    @Test
    void givenTheCatchUpCommand_thenItCallsTheEndpointAndPrintsTheCounts() {
        CatchUpFixture f = new CatchUpFixture(STRIPE, inbox);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = CatchUpCommand.run(Map.of("url", server.getURL().toString(), "admin-token", TOKEN,
                "since", f.now.minus(Duration.ofHours(6)).toString()), new PrintStream(out, true, StandardCharsets.UTF_8));
        int again = CatchUpCommand.run(Map.of("url", server.getURL().toString(), "admin-token", TOKEN,
                "since", f.now.minus(Duration.ofHours(6)).toString()), new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(again).isZero();
        assertThat(printed).contains("Catch-up done").contains("\"recovered\":12").contains("\"recovered\":0");
        assertThat(printed).doesNotContain(TOKEN);
    }
}
