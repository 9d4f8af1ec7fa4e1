package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where Temporal lives. A blank {@code address} means "start the in-process Temporal test server", bound to
 * {@code embeddedPort} on 127.0.0.1 (0 = in-memory only, used by tests). For a remote cluster: TLS / mTLS
 * ({@code tlsEnabled}, client certificate and key in PEM/PKCS8, optional CA) and/or a Temporal Cloud API key.
 */
@ConfigurationProperties("memberflow.temporal")
public record TemporalProperties(@Nullable String address,
                                 @Nullable String namespace,
                                 @Nullable String taskQueue,
                                 @Nullable Integer embeddedPort,
                                 @Nullable Boolean tlsEnabled,
                                 @Nullable String tlsCertPath,
                                 @Nullable String tlsKeyPath,
                                 @Nullable String tlsCaPath,
                                 @Nullable String apiKey) {

    public boolean embedded() {
        return address == null || address.isBlank();
    }

    public String namespaceOrDefault() {
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    public String taskQueueOrDefault() {
        return taskQueue == null || taskQueue.isBlank() ? "memberflow" : taskQueue;
    }

    public int embeddedPortOrDefault() {
        return embeddedPort == null ? 7233 : embeddedPort;
    }

    public boolean tls() {
        return Boolean.TRUE.equals(tlsEnabled) || hasText(tlsCertPath) || hasApiKey();
    }

    public boolean hasApiKey() {
        return hasText(apiKey);
    }

    public static boolean hasText(@Nullable String s) {
        return s != null && !s.isBlank();
    }
}
