package io.memberflow.temporal;

import io.memberflow.catchup.CatchUpProperties;
import io.memberflow.config.TemporalProperties;
import io.memberflow.observability.MdcWorkerInterceptor;
import io.memberflow.reconcile.ReconcileProperties;
import io.memberflow.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every worker of a process comes from the one registry: one factory, the same interceptor, the expected queues. */
class WorkerRegistryTest {

    private static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("memberflow.role", "worker");
        props.putAll(extra);
        return ApplicationContext.run(props, "test");
    }

    @Test
    void givenEveryVendor_thenTheCustomerCatchUpAndReconciliationQueuesArePolled_allWithTheMdcInterceptor() {
        try (ApplicationContext ctx = start(Map.of("memberflow.circle.api-token", "circle-token",
                "memberflow.circle.api-url", "http://127.0.0.1:9/api/admin/v2", "memberflow.kit.api-key", "kit-key",
                "memberflow.stripe.api-key", "sk_test_registry", "memberflow.stripe.api-base", "http://127.0.0.1:9"))) {
            WorkerRegistry registry = ctx.getBean(WorkerRegistry.class);
            String customers = ctx.getBean(TemporalProperties.class).taskQueue();
            String catchUp = ctx.getBean(CatchUpProperties.class).taskQueue();
            String reconcile = ctx.getBean(ReconcileProperties.class).taskQueue();

            assertThat(registry.started()).isTrue();
            Map<String, Worker> workers = registry.workers();
            assertThat(workers).containsOnlyKeys(customers, catchUp, reconcile);
            workers.forEach((queue, worker) -> assertThat(worker.getTaskQueue()).isEqualTo(queue));
            // one factory for all: its interceptors are every worker's interceptors
            assertThat(registry.factoryOptions().getWorkerInterceptors())
                    .singleElement().isInstanceOf(MdcWorkerInterceptor.class);
            WorkerSizing sizing = ctx.getBean(WorkerSizing.class);
            assertThat(registry.factoryOptions().getWorkflowCacheSize()).isEqualTo(sizing.stickyCacheSize());

            assertThat(workers.get(customers).getWorkerOptions().getMaxConcurrentActivityExecutionSize())
                    .isEqualTo(sizing.maxConcurrentActivities());
            assertThat(workers.get(catchUp).getWorkerOptions().getMaxConcurrentActivityExecutionSize()).isEqualTo(1);
            assertThat(workers.get(reconcile).getWorkerOptions().getMaxConcurrentActivityExecutionSize()).isEqualTo(1);
        }
    }

    @Test
    void givenNoVendor_thenOnlyTheCustomerQueueIsPolled() {
        try (ApplicationContext ctx = start(Map.of())) {
            WorkerRegistry registry = ctx.getBean(WorkerRegistry.class);
            assertThat(registry.workers()).containsOnlyKeys(ctx.getBean(TemporalProperties.class).taskQueue());
            assertThat(registry.factoryOptions().getWorkerInterceptors())
                    .singleElement().isInstanceOf(MdcWorkerInterceptor.class);
        }
    }
}
