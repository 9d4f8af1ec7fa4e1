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

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        customer = new CustomerHarness(env, client, worker, "cus_life", () -> EngineFixtures.settings(5000), vendors);
    }

    @Test
    void givenPaidCheckout_thenAccessIsGrantedBeforeTheWelcomeTags() {
        customer.signUp();

        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(customer.state().member().applied().accessGroupIds()).containsExactly(101L);
    }

    @Test
    void givenPaymentFailureAndNoPaymentWithinGrace_thenAccessIsRevokedWhenTheTimerFires() {
        customer.signUp();
        customer.send(customer.events.invoice("invoice.payment_failed", customer.nowSeconds(), "price_pro", 0));

        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.PAST_DUE);
        assertThat(vendors.calls()).doesNotContain("revoke [101]").contains("tag [9100]");

        customer.env.sleep(EngineFixtures.GRACE.plusHours(1));

        CustomerRecord after = customer.state();
        assertThat(after.member().status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(vendors.calls()).containsSubsequence("grant [101]", "revoke [101]");
        assertThat(after.member().applied().accessGroupIds()).isEmpty();
        assertThat(after.timeline()).anyMatch(e -> e.kind().equals("timer"));
    }

    @Test
    void givenPaymentRecoveredInsideGrace_thenAccessIsNeverRevoked() {
        customer.signUp();
        customer.send(customer.events.invoice("invoice.payment_failed", customer.nowSeconds(), "price_pro", 0));
        customer.env.sleep(Duration.ofDays(1));
        customer.send(customer.events.invoice("invoice.paid", customer.nowSeconds(), "price_pro", 2900));
        customer.env.sleep(EngineFixtures.GRACE.plusDays(1));

        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(vendors.calls()).noneMatch(c -> c.startsWith("revoke")).contains("untag [9100]");
    }

    @Test
    void givenCancelAtPeriodEnd_thenAccessLastsUntilThePeriodEndsThenIsRevoked() {
        customer.signUp();
        long periodEnd = customer.nowSeconds() + Duration.ofDays(10).toSeconds();
        customer.send(customer.events.subscription("customer.subscription.updated", customer.nowSeconds(), "sub_1", "active", "price_pro", true, periodEnd));
        customer.env.sleep(Duration.ofDays(9));
        assertThat(customer.state().member().accessGranted()).isTrue();
        assertThat(vendors.calls()).noneMatch(c -> c.startsWith("revoke"));

        customer.env.sleep(Duration.ofDays(2));

        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.CANCELED);
        assertThat(vendors.calls()).contains("revoke [101]", "untag [9001]", "tag [9101]");
    }

    @Test
    void givenDispute_thenAccessIsRevokedAndOneSupportTaskOpensAndAWonDisputeRestoresAccess() {
        customer.signUp();
        BillingEvent opened = customer.events.dispute("charge.dispute.created", customer.nowSeconds(), "needs_response");
        customer.send(opened);
        customer.send(opened); // Stripe redelivery

        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.BLOCKED);
        assertThat(vendors.calls()).contains("revoke [101]", "tag [9103]");
        assertThat(vendors.tasks).hasSize(1);
        assertThat(vendors.tasks.get(0).kind()).isEqualTo("dispute");
        assertThat(customer.state().openTaskIds()).hasSize(1);

        customer.send(customer.events.dispute("charge.dispute.closed", customer.nowSeconds(), "won"));

        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(vendors.calls()).containsSubsequence("revoke [101]", "grant [101]");
    }

    @Test
    void givenPlanChange_thenTheNewGroupIsGrantedBeforeTheOldIsRevoked() {
        customer.signUp();
        customer.send(customer.events.subscription("customer.subscription.updated", customer.nowSeconds(), "sub_1", "active", "price_plus", false, null));

        assertThat(customer.state().member().planName()).isEqualTo("plus");
        assertThat(vendors.calls()).containsSubsequence("grant [102]", "revoke [101]");
        assertThat(customer.state().member().applied().accessGroupIds()).containsExactly(102L);
        assertThat(customer.state().member().applied().tagIds()).containsExactly(9002L);
    }

    @Test
    void givenFullRefund_thenAccessIsRevokedOnceAndPlanTagsRemoved() {
        customer.signUp();
        BillingEvent refund = customer.events.refund(customer.nowSeconds(), 2900, 2900);
        customer.send(refund);
        customer.send(refund);

        assertThat(customer.state().member().status()).isEqualTo(MemberStatus.REFUNDED);
        assertThat(vendors.calls().stream().filter(c -> c.equals("revoke [101]"))).hasSize(1);
        assertThat(vendors.calls()).contains("untag [9001]", "tag [9102]");
    }
}
