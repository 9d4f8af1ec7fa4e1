package io.memberflow.temporal;

import io.memberflow.catchup.CatchUpProperties;
import io.memberflow.config.TemporalProperties;
import io.memberflow.observability.MdcWorkerInterceptor;
import io.memberflow.reconcile.ReconcileProperties;
import io.memberflow.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
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

            // the customers' worker opens gradually (StartUpRamp): its sizes are its tuner's slot maxima
            var tuner = workers.get(customers).getWorkerOptions().getWorkerTuner();
            assertThat(tuner.getActivityTaskSlotSupplier().getMaximumSlots()).contains(sizing.maxConcurrentActivities());
            assertThat(tuner.getWorkflowTaskSlotSupplier().getMaximumSlots()).contains(sizing.maxConcurrentWorkflowTasks());
            assertThat(tuner.getLocalActivitySlotSupplier().getMaximumSlots()).contains(StartUpRamp.LOCAL_ACTIVITY_SLOTS);
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

    @WorkflowInterface
    public interface Probe {
        @WorkflowMethod
        String run();
    }

    @ActivityInterface
    public interface ProbeActivity {
        String loggingContext();
    }

    public static class ProbeImpl implements Probe {
        private final ProbeActivity activity = Workflow.newActivityStub(ProbeActivity.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String run() {
            return activity.loggingContext();
        }
    }

    /** A queue registered like the others; its activity reports the logging context it ran in. */
    static final class ProbeQueue implements TaskQueueWorker {
        @Override
        public String taskQueue() {
            return "registry-probe";
        }

        @Override
        public String description() {
            return "probe";
        }

        @Override
        public WorkerOptions options(WorkerSizing sizing) {
            return sizing.jobWorkerOptions();
        }

        @Override
        public void register(Worker worker) {
            worker.registerWorkflowImplementationTypes(ProbeImpl.class);
            worker.registerActivitiesImplementations((ProbeActivity) () -> MDC.get("workflowId") + " " + MDC.get("activity"));
        }
    }

    @Test
    void givenAnyRegisteredQueue_thenItsActivitiesRunWithTheWorkflowIdInTheLoggingContext() {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("memberflow.role", "worker");
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).environments("test")
                .singletons(new ProbeQueue()).start()) {
            assertThat(ctx.getBean(WorkerRegistry.class).workers()).containsKey("registry-probe");
            Probe probe = ctx.getBean(WorkflowClient.class).newWorkflowStub(Probe.class, WorkflowOptions.newBuilder()
                    .setTaskQueue("registry-probe").setWorkflowId("probe-" + System.nanoTime()).build());
            String seen = probe.run();
            assertThat(seen).startsWith("probe-").endsWith(" LoggingContext");
        }
    }
}
