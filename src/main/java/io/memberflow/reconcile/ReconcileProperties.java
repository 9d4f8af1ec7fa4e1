package io.memberflow.reconcile;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code memberflow.reconcile.*}: how fast the drift report may call each vendor, in requests a second per process.
 * Circle allows 2,000 requests in 5 minutes (6.7/s) per IP, Kit 120 a minute (2/s) per API key, and the report
 * shares both with the workflows' own calls, so the defaults sit at or under them: Circle 6/s, Kit 2/s.
 */
@ConfigurationProperties("memberflow.reconcile")
public record ReconcileProperties(@Nullable Double circlePerSecond, @Nullable Double kitPerSecond) {

    public double circlePerSecondOrDefault() {
        return circlePerSecond == null || circlePerSecond <= 0 ? 6 : circlePerSecond;
    }

    public double kitPerSecondOrDefault() {
        return kitPerSecond == null || kitPerSecond <= 0 ? 2 : kitPerSecond;
    }
}
