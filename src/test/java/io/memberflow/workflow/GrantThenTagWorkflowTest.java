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
 * Versions {@code grant-then-tag} and {@code grant-in-task}: a signup's grant and the tags that follow it run as one
 * unit, first tried once inside the workflow task that planned them (a local activity), then, only if that try
 * failed, as one activity task with its retries; access still comes first and a Kit failure never holds it back.
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

    /** The local activities recorded in the history, by type. */
    private List<String> tries() {
        return history().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                        && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
                .map(e -> e.getMarkerRecordedEventAttributes().getDetailsOrThrow("type").getPayloads(0)
                        .getData().toStringUtf8().replace("\"", ""))
                .filter(type -> type.equals("GrantAccessThenAddTags")).toList();
    }

    private List<String> retryNotes() {
        return state().timeline().stream().filter(t -> t.kind().equals("retry")).map(TimelineEntry::text).toList();
    }

    @Test
    void givenASignupAsOneSignal_thenGrantAndTagRunInsideItsOneWorkflowTask() {
        signUp();

        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        assertThat(tries()).containsExactly("GrantAccessThenAddTags");
        assertThat(activities()).isEmpty();
        assertThat(count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(1);
        assertThat(retryNotes()).isEmpty();
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
        assertThat(tries()).containsExactly("GrantAccessThenAddTags"); // the tag failure is an answer, not a failed try
        assertThat(activities()).containsExactly("AddTags", "OpenTask");
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
    void givenACircleBlipOnTheFirstTry_thenTheActivityGrantsAndTagsOnceAndNoTaskIsOpened() {
        vendors.circleBlips.set(1);
        signUp();

        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        assertThat(tries()).containsExactly("GrantAccessThenAddTags");
        assertThat(activities()).containsExactly("GrantAccessThenAddTags");
        assertThat(retryNotes()).singleElement().asString().startsWith("circle grant access groups [101] not done on its"
                + " first try in the workflow task (circle grant access group: HTTP 429)");
        assertThat(state().member().applied().accessGroupIds()).containsExactly(101L);
        assertThat(state().member().applied().tagIds()).containsExactly(9001L);
        assertThat(state().lastFailure()).isNull();
        assertThat(vendors.tasks).isEmpty();
    }

    @Test
    void givenCircleRefusingForGood_thenNoTagIsAddedAndOneSupportTaskIsOpened() {
        vendors.circleFinalError = "circle grant access group 101 failed: HTTP 403 (final, not retried)";
        signUp();

        assertThat(activities()).containsExactly("GrantAccessThenAddTags", "OpenTask"); // the activity decides: final
        assertThat(vendors.calls()).containsExactly("task sync_failed");
        assertThat(vendors.kitAttempts.get()).isZero();
        assertThat(vendors.tasks).hasSize(1);
        assertThat(vendors.tasks.get(0).context()).containsEntry("vendor", "circle");
        assertThat(state().lastFailure()).startsWith("circle grant access groups [101] failed");
        assertThat(state().member().applied().tagIds()).isEmpty();
    }

    /**
     * Records {@code customer-v13-grant-in-task.json} (replayed by CustomerWorkflowReplayTest): a signup whose first try
     * and activity Circle refuses for good (support task, held), then {@code retrySync} once Circle takes it, done
     * inside the workflow task, then a failed payment.
     * {@code mvn test -Dtest=GrantThenTagWorkflowTest -Dmemberflow.record-histories=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "memberflow.record-histories", matches = "true")
    void recordAGrantInTaskHistory() throws Exception {
        vendors.circleFinalError = "circle grant access group 101 failed: HTTP 403 (final, not retried)";
        signUp();
        vendors.circleFinalError = null;
        client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER))
                .retrySync(new OperatorAction("sam", "Circle token fixed", null));
        env.sleep(Duration.ofSeconds(30));
        stripe.subscription("sub_1", "past_due", "price_pro");
        long t = env.currentTimeMillis() / 1000;
        BillingEvent failed = events.invoice("invoice.payment_failed", t, "price_pro", 0);
        stripe.inbox.add(failed.eventId());
        EngineFixtures.signalWithStart(client, "pair", CUSTOMER, failed);
        env.sleep(Duration.ofMinutes(1));
        assertThat(tries()).containsExactly("GrantAccessThenAddTags", "GrantAccessThenAddTags");
        assertThat(activities()).startsWith("GrantAccessThenAddTags", "OpenTask");
        assertThat(state().member().applied().accessGroupIds()).containsExactly(101L);
        Files.writeString(Path.of("src/test/resources/histories/customer-v13-grant-in-task.json"),
                client.fetchHistory(CustomerWorkflow.workflowId(CUSTOMER)).toJson(true));
    }
}
