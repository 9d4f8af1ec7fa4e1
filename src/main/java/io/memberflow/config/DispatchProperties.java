package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * {@code memberflow.dispatch.*} (defaults in application.yml): signal-with-starts under way at once, and events
 * waiting for one; beyond the queue, the relay delivers them. {@code batch-signals}: a customer's events already
 * queued together go as one {@code onEvents} signal (workers must have that handler: workflows.md, deploy order).
 * {@code gather}: with batch signals, how long a customer's first event waits for the others Stripe sends with it
 * (zero: no wait).
 */
@Context
@ConfigurationProperties("memberflow.dispatch")
public record DispatchProperties(@Min(value = 1, message = "memberflow.dispatch.concurrency must be at least 1") int concurrency,
                                 @Min(value = 1, message = "memberflow.dispatch.queue must be at least 1") int queue,
                                 @Bindable(defaultValue = "true") boolean batchSignals,
                                 @Bindable(defaultValue = "0s") Duration gather) {

    public DispatchProperties {
        if (gather == null || gather.isNegative() || gather.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new ConfigurationException("memberflow.dispatch.gather must be between 0s and 1s, not " + gather);
        }
    }
}
