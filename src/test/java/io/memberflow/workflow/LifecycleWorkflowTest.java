package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's access over the billing lifecycle: sign-up, failed payments and grace, cancellation, disputes, refunds. */
class LifecycleWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private CustomerHarness customer;
    private EngineFixtures.Events events;
    private TestWorkflowEnvironment env;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.env = env;
        customer = new CustomerHarness(env, client, worker, "cus_life", () -> EngineFixtures.settings(5000), vendors);
        events = customer.events;
    }

    private long nowSeconds() {
        return customer.nowSeconds();
    }

    private void send(BillingEvent event) {
        customer.send(event);
    }

    private CustomerRecord state() {
        return customer.state();
    }

    private void signUp() {
        customer.signUp();
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
}
