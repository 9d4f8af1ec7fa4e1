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
    private WorkflowClient client;
    private Worker worker;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.client = client;
        this.worker = worker;
        stripe.clockMillis = env::currentTimeMillis;
        stripe.subscription("sub_1", "active", "price_pro");
        customer = new CustomerHarness(env, client, worker, CUSTOMER,
                () -> EngineFixtures.settings(5000).withBillingReads(250), vendors, stripe);
    }

    private void deliver(BillingEvent event, boolean recordedInInbox) {
        if (recordedInInbox) {
            stripe.inbox.add(event.eventId());
        }
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), CUSTOMER, event);
    }

    private List<HistoryEvent> history() {
        return client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).getHistory().getEventsList();
    }

    @Test
    void givenASignupBurst_thenItCostsTwoActivitiesAtMostFourWorkflowTasksAndOneLocalRead() {
        long t = customer.nowSeconds();
        deliver(customer.events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null), true);
        deliver(customer.events.invoice("invoice.paid", t, "price_pro", 2900), true);
        deliver(customer.events.checkoutPaid(t, "price_pro"), true);
        customer.settle();

        assertThat(stripe.reads.get()).isEqualTo(1);
        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        List<HistoryEvent> history = history();
        assertThat(history).extracting(HistoryEvent::getEventType).doesNotContain(EventType.EVENT_TYPE_TIMER_STARTED);
        assertThat(history).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .extracting(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                .containsExactly("GrantAccess", "AddTags");
        assertThat(history).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                        && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
                .hasSizeBetween(3, 4); // the read, the record after the grant and after the tag (+1, below)
        // 3 when the burst is in before the first task starts (a busy worker); one more when the later events arrive
        // during the read (their task applies them without another read, and records them)
        assertThat(history).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .hasSizeBetween(3, 4);
        assertThat(vendors.snapshots).isNotEmpty();
        assertThat(vendors.snapshots.get(vendors.snapshots.size() - 1).accessGranted()).isTrue();
    }

    @Test
    void givenAnEventTheInboxDidNotHoldWhenTheReadBegan_thenStripeIsReadAgain() {
        long t = customer.nowSeconds();
        deliver(customer.events.checkoutPaid(t, "price_pro"), true);
        // recorded after the read began (the stand-in inbox does not hold it), delivered during the read's wait
        deliver(customer.events.subscription("customer.subscription.updated", t, "sub_1", "active", "price_pro", false, null), false);
        customer.settle();

        assertThat(stripe.reads.get()).isEqualTo(2);
        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
    }

    @Test
    void givenEventsTheInboxHeldArrivingDuringTheRead_thenTheyAreAppliedWithoutAnotherRead() {
        long t = customer.nowSeconds();
        deliver(customer.events.checkoutPaid(t, "price_pro"), true);
        deliver(customer.events.invoice("invoice.paid", t, "price_pro", 2900), true);
        customer.settle();

        assertThat(stripe.reads.get()).isEqualTo(1);
        assertThat(customer.state().eventsApplied()).isEqualTo(2);
    }
}
