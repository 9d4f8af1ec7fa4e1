package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;

/** {@code memberflow.relay.*}: how many due inbox rows one relay pass claims at most. */
@Context
@ConfigurationProperties("memberflow.relay")
public record RelayProperties(@Min(value = 1, message = "memberflow.relay.batch-size must be at least 1") int batchSize) {
}
