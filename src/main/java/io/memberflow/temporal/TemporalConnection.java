package io.memberflow.temporal;

import io.memberflow.config.TemporalProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** Connection options for a remote Temporal: plain, TLS, mTLS, or Temporal Cloud with an API key. */
final class TemporalConnection {
    private TemporalConnection() {
    }

    static WorkflowServiceStubsOptions remote(TemporalProperties p, com.uber.m3.tally.Scope metrics) {
        WorkflowServiceStubsOptions.Builder builder = WorkflowServiceStubsOptions.newBuilder().setTarget(p.address())
                .setMetricsScope(metrics);
        if (TemporalProperties.hasText(p.tlsCertPath()) != TemporalProperties.hasText(p.tlsKeyPath())) {
            throw new ConfigurationException("TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together (mTLS)");
        }
        try {
            if (TemporalProperties.hasText(p.tlsCertPath())) {
                SimpleSslContextBuilder ssl;
                try (InputStream cert = Files.newInputStream(Path.of(p.tlsCertPath()));
                     InputStream key = Files.newInputStream(Path.of(p.tlsKeyPath()))) {
                    ssl = SimpleSslContextBuilder.forPKCS8(cert, key);
                    if (TemporalProperties.hasText(p.tlsCaPath())) {
                        ssl.setTrustManager(trustManagerFor(Path.of(p.tlsCaPath())));
                    }
                    builder.setSslContext(ssl.build());
                }
            } else if (p.tls() && TemporalProperties.hasText(p.tlsCaPath())) {
                builder.setSslContext(SimpleSslContextBuilder.noKeyOrCertChain()
                        .setTrustManager(trustManagerFor(Path.of(p.tlsCaPath()))).build());
            } else if (p.tls()) {
                builder.setEnableHttps(true);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("Cannot read the Temporal TLS files: " + e.getMessage(), e);
        }
        if (p.hasApiKey()) {
            String key = p.apiKey();
            builder.addApiKey(() -> key);
        }
        return builder.build();
    }

    private static javax.net.ssl.TrustManager trustManagerFor(Path ca) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }
}
