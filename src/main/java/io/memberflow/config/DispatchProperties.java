package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code memberflow.dispatch.*} (defaults in application.yml): signal-with-starts under way at once, and events
 * waiting for one; beyond the queue, the relay delivers them. {@code batch-signals}: a customer's events already
 * queued together go as one {@code onEvents} signal (workers must have that handler: workflows.md, deploy order).
 */
@Context
@ConfigurationProperties("memberflow.dispatch")
public record DispatchProperties(@Min(value = 1, message = "memberflow.dispatch.concurrency must be at least 1") int concurrency,
                                 @Min(value = 1, message = "memberflow.dispatch.queue must be at least 1") int queue,
                                 @Bindable(defaultValue = "true") boolean batchSignals) {
}
