package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerWorkflowEngineTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
            .registerSearchAttribute("MemberState", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("NeedsAttention", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL)
            .registerSearchAttribute("PlanName", io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD).setDoNotStart(true).build();

    private final FakeVendors vendors = new FakeVendors();
    private final EngineFixtures.Events events = new EngineFixtures.Events("cus_eng");
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private Worker worker;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.env = env;
        this.client = client;
        this.worker = worker;
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000), EngineFixtures.fastPolicies()));
        worker.registerActivitiesImplementations(vendors);
        env.start();
    }

    private long nowSeconds() {
        return env.currentTimeMillis() / 1000;
    }

    private void send(BillingEvent event) {
        CustomerWorkflow stub = client.newWorkflowStub(CustomerWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(CustomerWorkflow.workflowId("cus_eng")).setTaskQueue(worker.getTaskQueue()).build());
        var request = client.newSignalWithStartRequest();
        request.add(stub::run, new CustomerWorkflowInput("cus_eng", null));
        request.add(stub::onEvent, event);
        client.signalWithStart(request);
        env.sleep(Duration.ofSeconds(30));
    }

    private CustomerRecord state() {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId("cus_eng")).state();
    }

    private void signUp() {
        send(events.checkoutPaid(nowSeconds(), "price_pro"));
    }

    @Test
    void givenPaidCheckout_thenAccessIsGrantedBeforeTheWelcomeTags() {
        signUp();

        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        assertThat(state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(state().member().applied().accessGroupIds()).containsExactly(101L);
    }

    @Test
    void givenPaymentFailureAndNoPaymentWithinGrace_thenAccessIsRevokedWhenTheTimerFires() {
        signUp();
        send(events.invoice("invoice.payment_failed", nowSeconds(), "price_pro", 0));

        assertThat(state().member().status()).isEqualTo(MemberStatus.PAST_DUE);
        assertThat(vendors.calls()).doesNotContain("revoke [101]").contains("tag [9100]");

        env.sleep(EngineFixtures.GRACE.plusHours(1));

        CustomerRecord after = state();
        assertThat(after.member().status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(vendors.calls()).containsSubsequence("grant [101]", "revoke [101]");
        assertThat(after.member().applied().accessGroupIds()).isEmpty();
        assertThat(after.timeline()).anyMatch(e -> e.kind().equals("timer"));
    }

    @Test
    void givenPaymentRecoveredInsideGrace_thenAccessIsNeverRevoked() {
        signUp();
        send(events.invoice("invoice.payment_failed", nowSeconds(), "price_pro", 0));
        env.sleep(Duration.ofDays(1));
        send(events.invoice("invoice.paid", nowSeconds(), "price_pro", 2900));
        env.sleep(EngineFixtures.GRACE.plusDays(1));

        assertThat(state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(vendors.calls()).noneMatch(c -> c.startsWith("revoke")).contains("untag [9100]");
    }

    @Test
    void givenCancelAtPeriodEnd_thenAccessLastsUntilThePeriodEndsThenIsRevoked() {
        signUp();
        long periodEnd = nowSeconds() + Duration.ofDays(10).toSeconds();
        send(events.subscription("customer.subscription.updated", nowSeconds(), "sub_1", "active", "price_pro", true, periodEnd));
        env.sleep(Duration.ofDays(9));
        assertThat(state().member().accessGranted()).isTrue();
        assertThat(vendors.calls()).noneMatch(c -> c.startsWith("revoke"));

        env.sleep(Duration.ofDays(2));

        assertThat(state().member().status()).isEqualTo(MemberStatus.CANCELED);
        assertThat(vendors.calls()).contains("revoke [101]", "untag [9001]", "tag [9101]");
    }

    @Test
    void givenDispute_thenAccessIsRevokedAndOneSupportTaskOpensAndAWonDisputeRestoresAccess() {
        signUp();
        BillingEvent opened = events.dispute("charge.dispute.created", nowSeconds(), "needs_response");
        send(opened);
        send(opened); // Stripe redelivery

        assertThat(state().member().status()).isEqualTo(MemberStatus.BLOCKED);
        assertThat(vendors.calls()).contains("revoke [101]", "tag [9103]");
        assertThat(vendors.tasks).hasSize(1);
        assertThat(vendors.tasks.get(0).kind()).isEqualTo("dispute");
        assertThat(state().openTaskIds()).hasSize(1);

        send(events.dispute("charge.dispute.closed", nowSeconds(), "won"));

        assertThat(state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(vendors.calls()).containsSubsequence("revoke [101]", "grant [101]");
    }

    @Test
    void givenPlanChange_thenTheNewGroupIsGrantedBeforeTheOldIsRevoked() {
        signUp();
        send(events.subscription("customer.subscription.updated", nowSeconds(), "sub_1", "active", "price_plus", false, null));

        assertThat(state().member().planName()).isEqualTo("plus");
        assertThat(vendors.calls()).containsSubsequence("grant [102]", "revoke [101]");
        assertThat(state().member().applied().accessGroupIds()).containsExactly(102L);
        assertThat(state().member().applied().tagIds()).containsExactly(9002L);
    }

    @Test
    void givenFullRefund_thenAccessIsRevokedOnceAndPlanTagsRemoved() {
        signUp();
        BillingEvent refund = events.refund(nowSeconds(), 2900, 2900);
        send(refund);
        send(refund);

        assertThat(state().member().status()).isEqualTo(MemberStatus.REFUNDED);
        assertThat(vendors.calls().stream().filter(c -> c.equals("revoke [101]"))).hasSize(1);
        assertThat(vendors.calls()).contains("untag [9001]", "tag [9102]");
    }

    @Test
    void givenCircleRejectsTheTokenForGood_thenOneSupportTaskOpensAndTheNextEventRetries() {
        vendors.circleFinalError = "circle grant access group 101 failed: HTTP 401; check CIRCLE_API_TOKEN (final, not retried)";
        signUp();

        CustomerRecord stuck = state();
        assertThat(stuck.lastFailure()).contains("HTTP 401").contains("CIRCLE_API_TOKEN");
        assertThat(stuck.needsAttention()).isTrue();
        assertThat(vendors.tasks).extracting(t -> t.kind()).containsExactly("sync_failed");
        assertThat(vendors.calls()).doesNotContain("tag [9001]"); // no onboarding tags before access exists

        vendors.circleFinalError = null;
        send(events.invoice("invoice.paid", nowSeconds(), "price_pro", 2900));

        assertThat(vendors.calls()).containsSubsequence("grant [101]", "tag [9001]");
        assertThat(state().lastFailure()).isNull();
    }

    @Test
    void givenTheMemberChangesEmail_thenAccessMovesToTheNewAddressWithoutAGapAndARefundRevokesTheNewOne() {
        signUp();
        BillingEvent changed = new BillingEvent("evt_cus_eng_email", "customer.updated", nowSeconds(), "cus_eng",
                "new.address@example.com", "Ada Lovelace", null, null, java.util.List.of(), null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        send(changed);

        assertThat(vendors.addressed).containsSubsequence(
                "grant [101] member@example.com",
                "grant [101] new.address@example.com",
                "revoke [101] member@example.com");
        assertThat(vendors.addressed).contains("untag [9001] member@example.com", "tag [9001] new.address@example.com");
        assertThat(state().appliedEmail()).isEqualTo("new.address@example.com");

        send(events.refund(nowSeconds(), 2900, 2900));

        assertThat(vendors.addressed).contains("revoke [101] new.address@example.com");
        assertThat(state().member().applied().accessGroupIds()).isEmpty();
    }

    @Test
    void givenKitIsDown_thenCircleAccessIsStillGrantedAtOnce() {
        vendors.kitDown = true;
        signUp();

        assertThat(vendors.calls()).contains("grant [101]");
        assertThat(state().member().applied().accessGroupIds()).containsExactly(101L);
        env.sleep(Duration.ofMinutes(5));
        assertThat(vendors.kitAttempts.get()).isEqualTo(4);
        assertThat(state().lastFailure()).contains("kit add tags");
    }
}
