package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version {@code grant-then-tag}: a signup's grant and the tags that follow it run as one activity task, with no
 * workflow task between them; access still comes first and a Kit failure never holds it back.
 */
class GrantThenTagWorkflowTest {
    private static final String CUSTOMER = "cus_pair";
    private final TestWorkflowEnvironment env = EngineFixtures.environment();
    private final FakeVendors vendors = new FakeVendors();
    private final FakeStripe stripe = new FakeStripe("member@example.com").subscription("sub_1", "active", "price_pro");
    private final WorkflowClient client = env.getWorkflowClient();
    private final EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);

    GrantThenTagWorkflowTest() {
        Worker worker = env.newWorker("pair");
        stripe.clockMillis = env::currentTimeMillis;
        worker.registerActivitiesImplementations(vendors, stripe);
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000).withBillingReads(250),
                        EngineFixtures.fastPolicies()));
        env.start();
    }

    @AfterEach
    void close() {
        env.close();
    }

    /** The signup burst as the dispatcher sends it: one {@code onEvents} signal-with-start. */
    private void signUp() {
        long t = env.currentTimeMillis() / 1000;
        List<BillingEvent> burst = List.of(events.checkoutPaid(t, "price_pro"),
                events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null),
                events.invoice("invoice.paid", t, "price_pro", 2900));
        burst.forEach(e -> stripe.inbox.add(e.eventId()));
        EngineFixtures.signalWithStart(client, "pair", CUSTOMER, stub -> stub::onEvents, burst);
        env.sleep(Duration.ofSeconds(30));
    }

    private CustomerRecord state() {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER)).state();
    }

    private List<HistoryEvent> history() {
        return client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).getHistory().getEventsList();
    }

    private List<String> activities() {
        return history().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()).toList();
    }

    private long count(EventType type) {
        return history().stream().filter(e -> e.getEventType() == type).count();
    }

    @Test
    void givenASignupAsOneSignal_thenGrantAndTagRunAsOneActivityInTwoWorkflowTasks() {
        signUp();

        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        assertThat(activities()).containsExactly("GrantAccessThenAddTags");
        assertThat(count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(2);
        assertThat(state().member().applied().accessGroupIds()).containsExactly(101L);
        assertThat(state().member().applied().tagIds()).containsExactly(9001L);
        assertThat(state().timeline()).extracting(TimelineEntry::text)
                .contains("circle grant access groups [101] done", "kit add tags [9001] done");
    }

    @Test
    void givenKitDownAtSignup_thenAccessIsAppliedAtOnceAndTheTagsGoOnTheirOwnWithTheirRetries() {
        vendors.kitDown = true;
        signUp();

        assertThat(vendors.calls()).containsExactly("grant [101]", "task sync_failed");
        assertThat(state().member().applied().accessGroupIds()).containsExactly(101L);
        assertThat(state().member().applied().tagIds()).isEmpty();
        assertThat(state().timeline()).extracting(TimelineEntry::text)
                .anyMatch(text -> text.startsWith("kit add tags [9001] not done with the grant (kit add tags: HTTP 503)"));
        assertThat(activities()).containsExactly("GrantAccessThenAddTags", "AddTags", "OpenTask");
        assertThat(vendors.kitAttempts.get()).isEqualTo(1 + 4); // the paired try, then AddTags' 4 attempts
        assertThat(state().lastFailure()).startsWith("kit add tags [9001] failed");
        assertThat(vendors.tasks).singleElement().satisfies(t -> assertThat(t.context()).containsEntry("vendor", "kit"));

        vendors.kitDown = false;
        client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER))
                .retrySync(new OperatorAction("sam", "Kit is back", null));
        env.sleep(Duration.ofSeconds(30));

        assertThat(vendors.calls()).containsExactly("grant [101]", "task sync_failed", "tag [9001]");
        assertThat(state().member().applied().tagIds()).containsExactly(9001L);
        assertThat(state().lastFailure()).isNull();
    }

    @Test
    void givenCircleRefusingForGood_thenNoTagIsAddedAndOneSupportTaskIsOpened() {
        vendors.circleFinalError = "circle grant access group 101 failed: HTTP 403 (final, not retried)";
        signUp();

        assertThat(vendors.calls()).containsExactly("task sync_failed");
        assertThat(vendors.kitAttempts.get()).isZero();
        assertThat(vendors.tasks).hasSize(1);
        assertThat(vendors.tasks.get(0).context()).containsEntry("vendor", "circle");
        assertThat(state().lastFailure()).startsWith("circle grant access groups [101] failed");
        assertThat(state().member().applied().tagIds()).isEmpty();
    }

    /**
     * Records {@code customer-v12-grant-then-tag.json} (replayed by CustomerWorkflowReplayTest): a signup as one batch
     * whose tags Kit refuses in the paired activity and in AddTags' retries, added after {@code retrySync}, then a
     * failed payment.
     * {@code mvn test -Dtest=GrantThenTagWorkflowTest -Dmemberflow.record-histories=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordAGrantThenTagHistory() throws Exception {
        vendors.kitDown = true;
        signUp();
        vendors.kitDown = false;
        client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER))
                .retrySync(new OperatorAction("sam", "Kit is back", null));
        env.sleep(Duration.ofSeconds(30));
        stripe.subscription("sub_1", "past_due", "price_pro");
        long t = env.currentTimeMillis() / 1000;
        BillingEvent failed = events.invoice("invoice.payment_failed", t, "price_pro", 0);
        stripe.inbox.add(failed.eventId());
        EngineFixtures.signalWithStart(client, "pair", CUSTOMER, failed);
        env.sleep(Duration.ofMinutes(1));
        assertThat(activities()).startsWith("GrantAccessThenAddTags", "AddTags");
        Files.writeString(Path.of("src/test/resources/histories/customer-v12-grant-then-tag.json"),
                client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).toJson(true));
    }
}
