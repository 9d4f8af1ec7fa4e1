package io.memberflow.workflow;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drift repair whose Kit call is retried, in a workflow that leaves the worker's sticky cache (size 1 here; any
 * other workflow's task evicts it) before the retry succeeds. Found by {@code bench --reconcile} with 10,000
 * customers: after the repair's Record, the loop makes one more pass (the repair requests a sync) whose
 * only command is the skipped {@code engine-settings} mutableSideEffect, i.e. a workflow task that records no event.
 * Replaying that history, temporal-sdk 1.38.0 sends the side effect's placeholder RecordMarker command (no marker
 * name) with the next task's commands: the test server answers INVALID_ARGUMENT "marker name is required" and the
 * task is never completed; a real server fails every attempt with BAD_RECORD_MARKER_ATTRIBUTES. Either way the
 * customer's workflow is stuck (nothing more is applied or published). It failed until settings were read through
 * {@link SettingsReader} (version {@code settings-read}); without the eviction (the {@code cus_other} signal) it passed.
 */
class DriftRepairAfterEvictionTest {
    static final String CUSTOMER = "cus_evicted";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
            .registerSearchAttribute("MemberState", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("NeedsAttention", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL)
            .registerSearchAttribute("PlanName", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(1).build())
            .setDoNotStart(true).build();

    private final FakeVendors vendors = new FakeVendors();
    private final FakeStripe stripe = new FakeStripe("member@example.com");
    private CustomerHarness customer;
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private Worker worker;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.env = env;
        this.client = client;
        this.worker = worker;
        stripe.clockMillis = env::currentTimeMillis;
        customer = new CustomerHarness(env, client, worker, CUSTOMER,
                () -> EngineFixtures.settings(5000).withBillingReads(250), vendors, stripe);
    }

    @Test
    void givenTheWorkflowWasEvictedWhileItsKitRepairWaitedForARetry_thenTheRepairIsStillRecorded() {
        stripe.subscription("sub_1", "active", "price_pro");
        customer.signUp();
        vendors.kitDown = true;
        customer.workflow().repairDrift(new DriftRepair("run-1", Set.of(), Set.of(), Set.of(9001L), Set.of(), false));
        env.sleep(Duration.ofMillis(500)); // first Kit attempt failed, Record done, the extra pass done
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), "cus_other", // takes the only cache slot
                new EngineFixtures.Events("cus_other").checkoutPaid(env.currentTimeMillis() / 1000, "price_pro"));
        env.sleep(Duration.ofMillis(500));
        vendors.kitDown = false;
        env.sleep(Duration.ofSeconds(30)); // the Kit retry succeeds

        List<HistoryEvent> history = client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).getHistory().getEventsList();
        assertThat(history.get(history.size() - 1).getEventType()).isNotEqualTo(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
        assertThat(history).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                        && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")
                        && e.getMarkerRecordedEventAttributes().getDetailsOrThrow("type").getPayloads(0).getData()
                                .toStringUtf8().equals("\"Record\""))
                .hasSizeGreaterThanOrEqualTo(4); // projection writes: signup 2, repair 1, after the retry 1
    }
}
