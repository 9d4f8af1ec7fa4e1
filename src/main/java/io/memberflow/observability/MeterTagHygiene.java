package io.memberflow.observability;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Meter tags never name Java classes: the HTTP server meters' {@code exception} tag (an exception's class name)
 * is reduced to {@code none} or {@code error}.
 */
@Factory
public class MeterTagHygiene {

    @Singleton
    MeterFilter exceptionTagWithoutClassNames() {
        return MeterFilter.replaceTagValues("exception", v -> v == null || v.isEmpty() || "none".equals(v) ? v : "error");
    }
}
