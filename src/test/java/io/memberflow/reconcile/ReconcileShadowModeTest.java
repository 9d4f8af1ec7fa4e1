package io.memberflow.reconcile;

import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without CIRCLE_API_TOKEN and KIT_API_KEY nothing was applied at the vendors, so there is nothing to reconcile. */
@MicronautTest(transactional = false)
class ReconcileShadowModeTest implements DatabaseTest {
    static final String TOKEN = "admin-reconcile-shadow-123";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN);
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    EmbeddedServer server;

    @Test
    void givenShadowMode_thenTheCommandSaysThereIsNothingToReconcileAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = ReconcileCommand.run(Map.of("url", server.getURL().toString(), "admin-token", TOKEN),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Nothing to reconcile", "CIRCLE_API_TOKEN or KIT_API_KEY");
    }

    @Test
    void givenTheRetiredPageByPageReport_thenItsEndpointIsGone() {
        HttpResult result = HttpResult.exchange(http.toBlocking(), HttpRequest.POST("/admin/reconcile", "{\"limit\":100}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(TOKEN));

        assertThat(result.status()).isIn(404, 405);
    }

    @Test
    void givenShadowMode_thenARunIsRefusedWithWhatToSet() {
        HttpResult result = HttpResult.exchange(http.toBlocking(), HttpRequest.POST("/admin/reconcile/runs", "{}")
                .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(TOKEN));

        assertThat(result.status()).isEqualTo(409);
        assertThat(result.body()).contains("CIRCLE_API_TOKEN or KIT_API_KEY");
    }
}
