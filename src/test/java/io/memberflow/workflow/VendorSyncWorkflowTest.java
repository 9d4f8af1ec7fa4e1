package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bringing Circle and Kit in line with the member's state: order and lanes, failures that hold the sync and open one
 * task, a changed e-mail address, a member without one, and what the {@code pending} query reports meanwhile.
 */
class VendorSyncWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private CustomerHarness customer;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        customer = new CustomerHarness(env, client, worker, "cus_sync", () -> EngineFixtures.settings(5000), vendors);
    }

    @Test
    void givenCircleRejectsTheTokenForGood_thenOneSupportTaskOpensAndTheNextEventRetries() {
        vendors.circleFinalError = "circle grant access group 101 failed: HTTP 401; check CIRCLE_API_TOKEN (final, not retried)";
        customer.signUp();

        CustomerRecord stuck = customer.state();
        assertThat(stuck.lastFailure()).contains("HTTP 401").contains("CIRCLE_API_TOKEN");
        assertThat(stuck.needsAttention()).isTrue();
        assertThat(vendors.tasks).extracting(t -> t.kind()).containsExactly("sync_failed");
        assertThat(vendors.calls()).doesNotContain("tag [9001]"); // no onboarding tags before access exists

        vendors.circleFinalError = null;
        customer.send(customer.events.invoice("invoice.paid", customer.nowSeconds(), "price_pro", 2900));

        assertThat(vendors.calls()).containsSubsequence("grant [101]", "tag [9001]");
        assertThat(customer.state().lastFailure()).isNull();
    }

    @Test
    void givenARevokeOfAnAccessGroupCircleDoesNotHave_thenTheCustomerIsFlaggedWithOneTaskAndTheGroupIsStillApplied() {
        customer.signUp();
        vendors.revokeFinalError = "circle revoke access group 101 failed: HTTP 404, circle says \"Oops!; "
                + "{\"message\":\"Missing record: access group\"}\"; access group 101 does not exist in Circle: a"
                + " configuration error (final, not retried)";

        customer.send(customer.events.subscription("customer.subscription.deleted", customer.nowSeconds(), "sub_1",
                "canceled", "price_pro", false, null));
        customer.send(customer.events.subscription("customer.subscription.updated", customer.nowSeconds(), "sub_1",
                "canceled", "price_pro", false, null));

        CustomerRecord stuck = customer.state();
        assertThat(stuck.lastFailure()).contains("circle revoke access groups [101]", "does not exist in Circle");
        assertThat(stuck.needsAttention()).isTrue();
        assertThat(stuck.member().applied().accessGroupIds()).as("not counted as revoked").containsExactly(101L);
        assertThat(vendors.tasks).extracting(t -> t.kind()).containsExactly("sync_failed");
    }

    @Test
    void givenTheMemberChangesEmail_thenAccessMovesToTheNewAddressWithoutAGapAndARefundRevokesTheNewOne() {
        customer.signUp();
        BillingEvent changed = new BillingEvent("evt_cus_sync_email", "customer.updated", customer.nowSeconds(), "cus_sync",
                "new.address@example.com", "Ada Lovelace", null, null, java.util.List.of(), null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        customer.send(changed);

        assertThat(vendors.addressed).containsSubsequence(
                "grant [101] member@example.com",
                "grant [101] new.address@example.com",
                "revoke [101] member@example.com");
        assertThat(vendors.addressed).contains("untag [9001] member@example.com", "tag [9001] new.address@example.com");
        assertThat(customer.state().appliedEmail()).isEqualTo("new.address@example.com");

        customer.send(customer.events.refund(customer.nowSeconds(), 2900, 2900));

        assertThat(vendors.addressed).contains("revoke [101] new.address@example.com");
        assertThat(customer.state().member().applied().accessGroupIds()).isEmpty();
    }

    @Test
    void givenKitIsDown_thenCircleAccessIsStillGrantedAtOnce() {
        vendors.kitDown = true;
        customer.signUp();

        assertThat(vendors.calls()).contains("grant [101]");
        assertThat(customer.state().member().applied().accessGroupIds()).containsExactly(101L);
        customer.env.sleep(Duration.ofMinutes(5));
        assertThat(vendors.kitAttempts.get()).isEqualTo(1 + 4); // with the grant (grant-then-tag), then AddTags' 4
        assertThat(customer.state().lastFailure()).contains("kit add tags");
    }

    @Test
    void givenCircleFailingForGood_thenThePendingQueryListsWhatIsLeftWhyAndTheOpenTask() {
        vendors.circleFinalError = "circle grant access group 101 failed: HTTP 403; check CIRCLE_API_TOKEN (final, not retried)";
        customer.signUp();

        PendingWork pending = customer.workflow().pending();

        assertThat(pending.sideEffects()).containsExactly("circle grant access groups [101]", "kit add tags [9001]");
        assertThat(pending.lastFailure()).contains("HTTP 403");
        assertThat(pending.waitingForEmail()).isFalse();
        assertThat(pending.openSupportTaskIds()).hasSize(1).isEqualTo(customer.state().openTaskIds());
    }

    @Test
    void givenAFailedPayment_thenThePendingQueryGivesTheGraceDeadline() {
        customer.signUp();
        long failedAt = customer.env.currentTimeMillis();
        customer.send(customer.events.invoice("invoice.payment_failed", customer.nowSeconds(), "price_pro", 0));

        PendingWork pending = customer.workflow().pending();

        assertThat(pending.sideEffects()).isEmpty();
        assertThat(pending.nextDeadlineMillis()).isEqualTo(customer.state().member().graceDeadline())
                .isBetween(failedAt + EngineFixtures.GRACE.toMillis(),
                        failedAt + EngineFixtures.GRACE.plusMinutes(1).toMillis());
    }

    @Test
    void givenNoEmailKnown_thenNoVendorIsCalledUntilAnEventBringsTheAddress() {
        customer.send(customer.events.checkoutPaid(customer.nowSeconds(), "price_pro").toBuilder().email(null).name(null).build());

        assertThat(vendors.calls()).isEmpty();
        PendingWork waiting = customer.workflow().pending();
        assertThat(waiting.waitingForEmail()).isTrue();
        assertThat(waiting.sideEffects()).contains("circle grant access groups [101]");
        assertThat(customer.state().member().accessGranted()).isTrue();

        customer.send(BillingEvent.builder("evt_cus_sync_contact", "customer.updated", customer.nowSeconds(), "cus_sync")
                .email("late@example.com").name("Ada Lovelace").build());

        assertThat(vendors.addressed).containsSubsequence("grant [101] late@example.com", "tag [9001] late@example.com");
        assertThat(customer.workflow().pending().sideEffects()).isEmpty();
        assertThat(customer.workflow().pending().waitingForEmail()).isFalse();
    }
}
