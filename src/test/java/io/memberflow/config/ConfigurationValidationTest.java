package io.memberflow.config;

import io.memberflow.catchup.CatchUpProperties;
import io.memberflow.support.TestDatabase;
import io.memberflow.temporal.StartUpRamp;
import io.memberflow.temporal.WorkerSizing;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults come from application.yml alone; a setting out of range stops start-up with a message naming its key. */
class ConfigurationValidationTest {

    private static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.putAll(extra);
        return ApplicationContext.run(props, "test");
    }

    @Test
    void givenNothingConfigured_thenTheRecordsHoldApplicationYmlsDefaults() {
        try (ApplicationContext ctx = start(Map.of())) {
            TemporalProperties temporal = ctx.getBean(TemporalProperties.class);
            assertThat(temporal.namespace()).isEqualTo("default");
            assertThat(temporal.taskQueue()).isEqualTo("memberflow");
            StripeProperties stripe = ctx.getBean(StripeProperties.class);
            assertThat(stripe.tolerance()).isEqualTo(Duration.ofSeconds(300));
            assertThat(stripe.readDebounce()).isEqualTo(Duration.ofMillis(250));
            assertThat(stripe.readsPerSecond()).isEqualTo(50);
            assertThat(ctx.getBean(RelayProperties.class).batchSize()).isEqualTo(500);
            assertThat(ctx.getBean(DispatchProperties.class)).isEqualTo(new DispatchProperties(8, 10000, true, Duration.ZERO));
            assertThat(ctx.getBean(WorkerSizing.class)).isEqualTo(new WorkerSizing(1000, 1000, 4, 4, 100, 50));
            assertThat(ctx.getBean(StartUpRamp.class))
                    .isEqualTo(new StartUpRamp(Duration.ofSeconds(20), 4));
            assertThat(ctx.getBean(ServiceProperties.class)).isEqualTo(new ServiceProperties("all", "P3D", 5000));
            assertThat(ctx.getBean(CatchUpProperties.class)).isEqualTo(new CatchUpProperties(Duration.ofMinutes(15),
                    Duration.ofMinutes(10), Duration.ofHours(24), "memberflow-catch-up", Duration.ofSeconds(1),
                    Duration.ofMinutes(2)));
            assertThat(ctx.getBean(io.memberflow.reconcile.ReconcileProperties.class)).isEqualTo(
                    new io.memberflow.reconcile.ReconcileProperties(3.0, 0.25, 20.0, "repair", Duration.ofHours(6),
                            "memberflow-reconcile", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(30)));
            assertThat(ctx.getBean(EngineConfiguration.class).settings().emailWaitMillis())
                    .isEqualTo(Duration.ofMinutes(10).toMillis());
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "memberflow.temporal.task-queue      | ' ' | memberflow.temporal.task-queue must not be blank",
            "memberflow.temporal.namespace       | ' ' | memberflow.temporal.namespace (TEMPORAL_NAMESPACE) must not be blank",
            "memberflow.temporal.embedded-port   | 70000 | memberflow.temporal.embedded-port must be 0 to 65535",
            "memberflow.relay.batch-size         | 0   | memberflow.relay.batch-size must be at least 1",
            "memberflow.dispatch.concurrency     | 0   | memberflow.dispatch.concurrency must be at least 1",
            "memberflow.dispatch.gather          | 2s  | memberflow.dispatch.gather must be between 0s and 1s",
            "memberflow.stripe.reads-per-second  | 0   | memberflow.stripe.reads-per-second must be positive",
            "memberflow.stripe.read-debounce     | 31s | memberflow.stripe.read-debounce must be between 0 and 30s",
            "memberflow.continue-as-new-after    | 0   | memberflow.continue-as-new-after must be positive",
            "memberflow.worker.workflow-pollers  | 0   | memberflow.worker.workflow-pollers must be at least 1",
            "memberflow.worker.start-up.slots    | 0   | memberflow.worker.start-up.slots must be at least 1",
            "memberflow.worker.start-up.ramp     | -1s | memberflow.worker.start-up.ramp must not be negative",
            "memberflow.worker.max-workflow-threads | 10 | memberflow.worker.max-workflow-threads (10) must be at least memberflow.worker.sticky-cache-size (1000)",
            "memberflow.catch-up.interval        | -1m | memberflow.catch-up.interval must be positive",
            "memberflow.catch-up.overlap         | -1m | memberflow.catch-up.overlap must not be negative",
            "memberflow.reconcile.mode           | fix | memberflow.reconcile.mode must be repair or report",
            "memberflow.reconcile.kit-share      | 0   | memberflow.reconcile.kit-share must be above 0 and at most 1",
            "memberflow.reconcile.kit-share      | 1.5 | memberflow.reconcile.kit-share must be above 0 and at most 1",
            "memberflow.circle.monthly-quota     | 0   | memberflow.circle.monthly-quota must be positive",
            "memberflow.circle.live-reserve      | 1   | memberflow.circle.live-reserve must be 0 to 0.95",
            "memberflow.kit.requests-per-minute  | 0   | memberflow.kit.requests-per-minute must be positive",
            "memberflow.reconcile.interval       | 0s  | memberflow.reconcile.interval must be positive",
            "memberflow.reconcile.give-up-after  | 0s  | memberflow.reconcile.give-up-after must be positive",
    })
    void givenASettingOutOfRange_thenStartupFailsNamingItsKey(String key, String value, String message) {
        assertThatThrownBy(() -> start(Map.of(key, value)).close()).hasStackTraceContaining(message);
    }
}
