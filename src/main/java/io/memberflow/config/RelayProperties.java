package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

@ConfigurationProperties("memberflow.relay")
public record RelayProperties(@Nullable Integer batchSize) {
    public int batchSizeOrDefault() {
        return batchSize == null ? 100 : batchSize;
    }
}
