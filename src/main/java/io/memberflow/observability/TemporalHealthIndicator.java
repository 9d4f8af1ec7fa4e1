package io.memberflow.observability;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Readiness: the Temporal frontend answers within 2 s (health checks run off the event loop). */
@Singleton
@Readiness
public class TemporalHealthIndicator implements HealthIndicator {
    private final WorkflowServiceStubs stubs;

    public TemporalHealthIndicator(WorkflowServiceStubs stubs) {
        this.stubs = stubs;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    private HealthResult check() {
        try {
            stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return HealthResult.builder("temporal", HealthStatus.UP).build();
        } catch (RuntimeException e) {
            return HealthResult.builder("temporal", HealthStatus.DOWN)
                    .details(Map.of("error", String.valueOf(e.getMessage()))).build();
        }
    }
}
