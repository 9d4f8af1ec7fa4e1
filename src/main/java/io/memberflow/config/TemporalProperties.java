package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Where Temporal lives ({@code memberflow.temporal.*}; defaults in application.yml). A blank {@code address} means
 * "start the in-process Temporal test server", bound to {@code embeddedPort} on 127.0.0.1 (0 = in-memory only, used
 * by tests). For a remote cluster: TLS / mTLS ({@code tlsEnabled}, client certificate and key in PEM/PKCS8, optional
 * CA) and/or a Temporal Cloud API key.
 */
@Context
@ConfigurationProperties("memberflow.temporal")
public record TemporalProperties(@Nullable String address,
                                 @NotBlank(message = "memberflow.temporal.namespace (TEMPORAL_NAMESPACE) must not be blank")
                                 String namespace,
                                 @NotBlank(message = "memberflow.temporal.task-queue must not be blank")
                                 String taskQueue,
                                 @Min(value = 0, message = "memberflow.temporal.embedded-port must be 0 to 65535")
                                 @Max(value = 65535, message = "memberflow.temporal.embedded-port must be 0 to 65535")
                                 int embeddedPort,
                                 @Nullable Boolean tlsEnabled,
                                 @Nullable String tlsCertPath,
                                 @Nullable String tlsKeyPath,
                                 @Nullable String tlsCaPath,
                                 @Nullable String apiKey) {

    public boolean embedded() {
        return address == null || address.isBlank();
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
