package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version {@code lean-tasks}: a burst's debounce is waited in the read activity and the projection is written by a
 * local activity. Events the inbox held when the read began need no read of their own; any other event does.
 */
class LeanTasksWorkflowTest {
    static final String CUSTOMER = "cus_lean";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private final FakeStripe stripe = new FakeStripe("member@example.com");
    private CustomerHarness customer;
    private volatile int historyLimit = 5000;
    private WorkflowClient client;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.client = client;
        stripe.clockMillis = env::currentTimeMillis;
        stripe.subscription("sub_1", "active", "price_pro");
        customer = new CustomerHarness(env, client, worker, CUSTOMER,
                () -> EngineFixtures.settings(historyLimit).withBillingReads(250), vendors, stripe);
    }

    private void deliver(BillingEvent event, boolean recordedInInbox) {
        customer.signal(event, recordedInInbox);
    }

    private List<HistoryEvent> history() {
        return client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).getHistory().getEventsList();
    }

    @Test
    void givenASignupBurst_thenItCostsNoActivityTaskNoTimerAndOneLocalRead() {
        long t = customer.nowSeconds();
        // one batch signal, as the dispatcher sends a burst: three separate signals could let the last one arrive
        // during the read, and the rule "read once more if events came in during the read" then reads twice
        customer.signalBurst(List.of(
                customer.events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null),
                customer.events.invoice("invoice.paid", t, "price_pro", 2900),
                customer.events.checkoutPaid(t, "price_pro")));
        customer.settle();

        assertThat(stripe.reads.get()).isEqualTo(1);
        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        List<HistoryEvent> history = history();
        assertThat(history).extracting(HistoryEvent::getEventType).doesNotContain(EventType.EVENT_TYPE_TIMER_STARTED);
        assertThat(history).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .extracting(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .isEmpty(); // version grant-in-task: the grant and tags are tried inside the workflow task
        // the read, the projection writes and the grant with its tags are local activities: markers, no tasks
        assertThat(history).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                        && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
                .extracting(e -> e.getMarkerRecordedEventAttributes().getDetailsOrThrow("type").getPayloads(0)
                        .getData().toStringUtf8())
                .containsOnlyOnce("\"ReadAfterBurst\"", "\"GrantAccessThenAddTags\"").contains("\"Record\"");
        assertThat(vendors.snapshots).isNotEmpty();
        assertThat(vendors.snapshots.get(vendors.snapshots.size() - 1).accessGranted()).isTrue();
    }

    @Test
    void givenAnEventTheInboxDidNotHoldWhenTheReadBegan_thenStripeIsReadAgain() {
        long t = customer.nowSeconds();
        BillingEvent late = customer.events.subscription("customer.subscription.updated", t, "sub_1", "active", "price_pro", false, null);
        stripe.duringRead.set(() -> deliver(late, false)); // recorded after the read began, delivered during it
        deliver(customer.events.checkoutPaid(t, "price_pro"), true);
        customer.settle();

        assertThat(stripe.reads.get()).isEqualTo(2);
        assertThat(customer.state().eventsApplied()).isEqualTo(2);
        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
    }

    @Test
    void givenAnEventTheInboxHeldArrivingDuringTheRead_thenItIsAppliedWithoutAnotherRead() {
        long t = customer.nowSeconds();
        BillingEvent paid = customer.events.invoice("invoice.paid", t, "price_pro", 2900);
        stripe.inbox.add(paid.eventId()); // recorded before the read began, delivered during it
        stripe.duringRead.set(() -> deliver(paid, false));
        deliver(customer.events.checkoutPaid(t, "price_pro"), true);
        customer.settle();

        assertThat(stripe.reads.get()).isEqualTo(1);
        assertThat(customer.state().eventsApplied()).isEqualTo(2);
    }

    @Test
    void givenContinueAsNewRightAfterAnUncoveredEvent_thenTheNextRunStillReadsStripe() {
        historyLimit = 15; // the first pass ends with a continue-as-new
        long t = customer.nowSeconds();
        BillingEvent late = customer.events.subscription("customer.subscription.updated", t, "sub_1", "active", "price_pro", false, null);
        // the read fails three times; its fourth attempt waits on a timer (past the local retry threshold), so the
        // event delivered during the first attempt is applied right after the read, in the same pass
        stripe.failuresLeft.set(3);
        stripe.duringRead.set(() -> deliver(late, false));
        deliver(customer.events.checkoutPaid(t, "price_pro"), true);
        customer.settle();

        assertThat(history().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId())
                .as("the first run continued as new").isNotEmpty();
        assertThat(stripe.reads.get()).as("4 attempts, then the next run reads for the event applied after them")
                .isEqualTo(5);
        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
    }
}
