package io.memberflow.intake;

import io.memberflow.support.DatabaseTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error the service answers is the project's JSON shape, never a framework body naming Java classes. */
@MicronautTest
class ErrorShapeTest implements DatabaseTest {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    private static void assertProjectShape(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.body()).matches("\\{\"(error|message)\":\"[^\"]*\",\"(error|message)\":\"[^\"]*\"}")
                .doesNotContain("Exception").doesNotContain("io.micronaut").doesNotContain("java.")
                .doesNotContain("_links").doesNotContain("_embedded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t=abc", "t=99999999999999999999", "t,v1=", "t=123,v1=zz", "v1=" + "ab", "garbage", "t=1,t=2,v1="})
    void givenMalformedSignatureHeader_thenAnswers400InvalidSignatureWithoutEchoingIt(String header) throws Exception {
        HttpResponse<String> r = send(to("/webhooks/stripe").header("Content-Type", "application/json")
                .header("Stripe-Signature", header).POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_x\"}")));
        assertProjectShape(r, 400);
        assertThat(r.body()).contains("\"error\":\"invalid_signature\"").contains("malformed");
        if (header.length() > 3) {
            assertThat(r.body()).doesNotContain(header);
        }
    }

    @Test
    void givenAnEmptyBody_thenAnswers400InTheProjectShape() throws Exception {
        HttpResponse<String> r = send(to("/webhooks/stripe").header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=1700000000,v1=" + "a".repeat(64)).POST(HttpRequest.BodyPublishers.noBody()));
        assertProjectShape(r, 400);
        assertThat(r.body()).contains("invalid_signature");
    }

    @Test
    void givenAnUnknownRouteOrHealthSubpath_thenAnswers404InTheProjectShape() throws Exception {
        assertProjectShape(send(to("/nothing/here").header("Accept", "text/html")), 404);
        HttpResponse<String> health = send(to("/health/x"));
        assertThat(health.statusCode()).as("not a health check type").isIn(400, 404);
        assertProjectShape(health, health.statusCode());
    }

    @Test
    void givenTheWrongMethod_thenAnswers405InTheProjectShape() throws Exception {
        HttpResponse<String> r = send(to("/webhooks/stripe").GET());
        assertThat(r.statusCode()).isIn(404, 405);
        assertProjectShape(r, r.statusCode());
    }

    @Test
    void givenAHeaderOfNineKilobytes_thenTheAnswerIsNotAFrameworkPage() throws Exception {
        HttpResponse<String> r = send(to("/webhooks/stripe").header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=1," + "v1=" + "a".repeat(9 * 1024)).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("<html").doesNotContain("aaaaaaaa");
        if (!r.body().isEmpty()) {
            assertProjectShape(r, r.statusCode());
        }
    }
}
