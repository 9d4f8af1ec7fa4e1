package io.memberflow.e2e.real;

import io.memberflow.support.Settings;
import io.memberflow.catchup.CatchUpActivities;
import io.memberflow.catchup.CatchUpCounts;
import io.memberflow.catchup.CatchUpProperties;
import io.memberflow.catchup.CatchUpSchedule;
import io.memberflow.catchup.CatchUpWorkflowImpl;
import io.memberflow.support.Eventually;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Temporal Schedule {@code stripe-catch-up} on the real dev server (the test server has no schedules): created
 * once, updated in place on the next start-up, listed by {@code temporal schedule list}, and a
 * {@code temporal schedule trigger} runs the catch-up workflow, whose counts are its result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatchUpScheduleE2E {
    private TemporalDevServer temporal;
    private TemporalCli cli;
    private WorkflowServiceStubs stubs;
    private WorkerFactory workers;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    void start() {
        String binary = TemporalDevServer.installCli();
        if (binary == null) {
            Assumptions.abort("SKIPPED: the temporal CLI could not be installed");
        }
        temporal = new TemporalDevServer();
        temporal.deleteData();
        temporal.start();
        cli = new TemporalCli(binary, temporal.address());
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
        workers = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
        var worker = workers.newWorker("memberflow-catch-up");
        worker.registerWorkflowImplementationTypes(CatchUpWorkflowImpl.class);
        worker.registerActivitiesImplementations((CatchUpActivities) request -> {
            runs.incrementAndGet();
            return new CatchUpCounts(1_700_000_000L, 1_700_000_900L, 1, 7, 2, 5, 0);
        });
        workers.start();
    }

    @AfterAll
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
            stubs.shutdownNow();
        }
        if (temporal != null) {
            temporal.close();
        }
    }

    private static CatchUpSchedule schedule(Duration every) {
        return new CatchUpSchedule(null, Settings.temporal(null),
                Settings.stripe(null, "sk_test_x"),
                new CatchUpProperties(every, Duration.ofMinutes(10), Duration.ofHours(24), "memberflow-catch-up",
                        Duration.ofSeconds(1), Duration.ofMinutes(2)));
    }

    @Test
    void givenTwoStartUps_thenOneScheduleExistsWithTheLatestIntervalAndATriggerRunsTheCatchUp() {
        ScheduleClient client = ScheduleClient.newInstance(stubs);

        assertThat(schedule(Duration.ofMinutes(15)).ensure(client)).as("created").isTrue();
        assertThat(schedule(Duration.ofMinutes(20)).ensure(client)).as("updated, not duplicated").isFalse();

        var description = client.getHandle("stripe-catch-up").describe();
        assertThat(description.getSchedule().getSpec().getIntervals()).extracting(ScheduleIntervalSpec::getEvery)
                .containsExactly(Duration.ofMinutes(20));
        assertThat(cli.run("schedule", "list")).contains("stripe-catch-up");

        cli.run("schedule", "trigger", "--schedule-id", "stripe-catch-up");

        Eventually.await("the triggered catch-up ran", Duration.ofSeconds(60), runs::get, n -> n >= 1);
        String shown = Eventually.await("the run's result", Duration.ofSeconds(60),
                () -> cli.run("workflow", "list", "--query", "WorkflowType = 'CatchUpWorkflow' AND ExecutionStatus = 'Completed'"),
                out -> out.contains("stripe-catch-up-"));
        assertThat(shown).contains("CatchUpWorkflow");
    }
}
