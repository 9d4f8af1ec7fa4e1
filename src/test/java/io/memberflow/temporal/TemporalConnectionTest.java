package io.memberflow.temporal;

import com.uber.m3.tally.NoopScope;
import io.grpc.Metadata;
import io.memberflow.config.TemporalProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection options for a remote Temporal, built without connecting: plain, TLS, TLS with a CA, mTLS, API key. */
class TemporalConnectionTest {
    private static final String ADDRESS = "temporal.example.internal:7233";

    private static String tls(String file) {
        try {
            return Path.of(Objects.requireNonNull(TemporalConnectionTest.class.getResource("/temporal-tls/" + file)).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TemporalProperties properties(Boolean tlsEnabled, String cert, String key, String ca, String apiKey) {
        return new TemporalProperties(ADDRESS, "ns.acct", "memberflow", 7233, tlsEnabled, cert, key, ca, apiKey);
    }

    private static WorkflowServiceStubsOptions remote(TemporalProperties p) {
        return TemporalConnection.remote(p, new NoopScope());
    }

    private static String authorization(WorkflowServiceStubsOptions options) {
        if (options.getGrpcMetadataProviders() == null) {
            return null;
        }
        return options.getGrpcMetadataProviders().stream().map(GrpcMetadataProvider::getMetadata)
                .map(m -> m.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    @Test
    void givenOnlyAnAddress_thenThePlainConnectionHasNoTlsAndNoKey() {
        WorkflowServiceStubsOptions options = remote(properties(false, null, null, null, null));

        assertThat(options.getTarget()).isEqualTo(ADDRESS);
        assertThat(options.getEnableHttps()).isFalse();
        assertThat(options.getSslContext()).isNull();
        assertThat(authorization(options)).isNull();
    }

    @Test
    void givenTlsEnabled_thenTheServerIsVerifiedAgainstThePublicTrustStore() {
        WorkflowServiceStubsOptions options = remote(properties(true, null, null, null, null));

        assertThat(options.getEnableHttps()).isTrue();
        assertThat(options.getSslContext()).isNull();
    }

    @Test
    void givenTlsWithACaBundle_thenTheConnectionTrustsThatCa() {
        WorkflowServiceStubsOptions options = remote(properties(true, null, null, tls("ca.pem"), null));

        assertThat(options.getSslContext()).isNotNull();
        assertThat(options.getSslContext().isClient()).isTrue();
    }

    @Test
    void givenAClientCertificateAndKey_thenTheConnectionIsMutualTlsWhetherTlsIsEnabledOrNot() {
        WorkflowServiceStubsOptions options = remote(properties(null, tls("client.pem"), tls("client.key"), null, null));
        WorkflowServiceStubsOptions withCa = remote(properties(null, tls("client.pem"), tls("client.key"), tls("ca.pem"), null));

        assertThat(options.getSslContext()).isNotNull();
        assertThat(options.getSslContext().isClient()).isTrue();
        assertThat(withCa.getSslContext()).isNotNull();
    }

    @Test
    void givenACertificateWithoutItsKey_thenStartupFailsNamingBothSettings() {
        assertThatThrownBy(() -> remote(properties(null, tls("client.pem"), null, null, null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TEMPORAL_TLS_CERT_PATH").hasMessageContaining("TEMPORAL_TLS_KEY_PATH");
    }

    @Test
    void givenTlsFilesThatCannotBeRead_thenStartupFailsSayingSo() {
        assertThatThrownBy(() -> remote(properties(null, tls("client.pem"), "/nonexistent/client.key", null, null)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Cannot read the Temporal TLS files");
    }

    @Test
    void givenAnApiKey_thenItIsSentAsABearerTokenOverTls() {
        WorkflowServiceStubsOptions options = remote(properties(null, null, null, null, "tcld-key-123"));

        assertThat(options.getEnableHttps()).isTrue();
        assertThat(authorization(options)).isEqualTo("Bearer tcld-key-123");
    }
}
