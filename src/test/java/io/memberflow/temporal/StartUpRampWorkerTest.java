package io.memberflow.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK honours the ramp: right after a start, no more local activities run at once than the start-up slots. */
class StartUpRampWorkerTest {
    private static final String QUEUE = "start-up-ramp";
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST = new AtomicInteger();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

    @WorkflowInterface
    public interface Fanout {
        @WorkflowMethod
        int run();
    }

    @ActivityInterface
    public interface Holding {
        int hold();
    }

    /** Three local activities at once per workflow. */
    public static class FanoutImpl implements Fanout {
        private final Holding holding = Workflow.newLocalActivityStub(Holding.class,
                LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

        @Override
        public int run() {
            List<Promise<Integer>> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(Async.function(holding::hold));
            }
            return held.stream().mapToInt(Promise::get).sum();
        }
    }

    /** Counts how many run at once; each waits until the test lets them all go. */
    static final class HoldingImpl implements Holding {
        @Override
        public int hold() {
            MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                RELEASE.await(20, TimeUnit.SECONDS);
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void givenARampOfAnHourFromTwoSlots_thenFourWorkflowsWantingTwelveLocalActivitiesGetTwoAtOnce() throws Exception {
        WorkerSizing sizing = new WorkerSizing(100, 100, 2, 2, 10, 10);
        Worker worker = env.newWorker(QUEUE, sizing.workerOptions(new StartUpRamp(Duration.ofHours(1), 2)));
        worker.registerWorkflowImplementationTypes(FanoutImpl.class);
        worker.registerActivitiesImplementations(new HoldingImpl());
        env.start();
        WorkflowClient client = env.getWorkflowClient();
        List<WorkflowStub> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WorkflowStub run = client.newUntypedWorkflowStub("Fanout",
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("fanout-" + i).build());
            run.start();
            runs.add(run);
        }

        long deadline = System.currentTimeMillis() + 10_000;
        while (RUNNING.get() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1_000); // time for a third to start, were a slot open
        assertThat(RUNNING.get()).isEqualTo(2);
        assertThat(MOST.get()).isEqualTo(2);

        RELEASE.countDown();
        for (WorkflowStub run : runs) {
            assertThat(run.getResult(20, TimeUnit.SECONDS, Integer.class)).isEqualTo(3);
        }
        assertThat(MOST.get()).isEqualTo(2);
    }
}
