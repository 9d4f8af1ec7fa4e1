package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;

/**
 * {@code memberflow.dispatch.*} (defaults in application.yml): signal-with-starts under way at once, and events
 * waiting for one; beyond the queue, the relay delivers them.
 */
@Context
@ConfigurationProperties("memberflow.dispatch")
public record DispatchProperties(@Min(value = 1, message = "memberflow.dispatch.concurrency must be at least 1") int concurrency,
                                 @Min(value = 1, message = "memberflow.dispatch.queue must be at least 1") int queue) {
}
