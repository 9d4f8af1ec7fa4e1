package io.memberflow.observability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeterTagHygieneTest {

    @Test
    void givenAnExceptionClassNameAsTagValue_thenTheMeterShowsOnlyError() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterTagHygiene().exceptionTagWithoutClassNames());
        registry.counter("http.server.requests", "exception", "PSQLException", "status", "503").increment();
        registry.counter("http.server.requests", "exception", "none", "status", "200").increment();

        assertThat(registry.find("http.server.requests").tag("exception", "error").counter()).isNotNull();
        assertThat(registry.find("http.server.requests").tag("exception", "none").counter()).isNotNull();
        assertThat(registry.find("http.server.requests").tag("exception", "PSQLException").counter()).isNull();
    }
}
