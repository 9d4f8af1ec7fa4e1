package io.memberflow.workflow;

import io.memberflow.domain.MemberStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator signals at workflow level: overrides, blocks, rejected actions and the {@code pending} query. */
class OperatorActionsWorkflowTest {
    static final String CUSTOMER = "cus_ops";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private CustomerHarness customer;
    private CustomerWorkflow workflow;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        customer = new CustomerHarness(env, client, worker, CUSTOMER, () -> EngineFixtures.settings(5000), vendors);
        customer.signUp();
        workflow = customer.workflow();
    }

    private void settle() {
        customer.settle();
    }

    private List<String> timeline() {
        return workflow.state().timeline().stream().map(TimelineEntry::text).toList();
    }

    @Test
    void givenBlockThenUnblock_thenAccessIsRevokedAndGivenBackWithBothInTheTimeline() {
        workflow.block(new OperatorAction("sam", "fraud check", null));
        settle();
        assertThat(workflow.state().member().status()).isEqualTo(MemberStatus.BLOCKED);
        assertThat(vendors.calls()).contains("revoke [101]");

        workflow.unblock(new OperatorAction("sam", "cleared", null));
        settle();

        assertThat(workflow.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(vendors.calls()).containsSubsequence("grant [101]", "revoke [101]", "grant [101]");
        assertThat(workflow.state().timeline()).extracting(TimelineEntry::text)
                .contains("block: fraud check", "unblock: cleared");
    }

    @Test
    void givenAnActionWithoutActorOrReason_thenItIsRejectedAndNoted() {
        workflow.revokeAccess(new OperatorAction("", "no name given", null));
        workflow.revokeAccess(new OperatorAction("sam", " ", null));
        settle();

        assertThat(workflow.state().member().accessGranted()).isTrue();
        assertThat(vendors.calls()).doesNotContain("revoke [101]");
        assertThat(workflow.state().timeline()).extracting(TimelineEntry::text)
                .filteredOn(t -> t.startsWith("rejected revokeAccess")).hasSize(2);
    }

    @Test
    void givenARevokeOverrideThenGrant_thenThePendingQueryShowsNothingLeftAndTheOverrideIsKept() {
        workflow.revokeAccess(new OperatorAction("sam", "chargeback suspected", null));
        settle();
        assertThat(workflow.state().member().accessGranted()).isFalse();

        workflow.grantAccess(new OperatorAction("sam", "comp for a speaker", null));
        settle();

        PendingWork pending = workflow.pending();
        assertThat(workflow.state().member().accessGranted()).isTrue();
        assertThat(pending.sideEffects()).isEmpty();
        assertThat(pending.waitingForEmail()).isFalse();
        assertThat(pending.lastFailure()).isNull();
        assertThat(vendors.calls()).containsSubsequence("grant [101]", "revoke [101]", "grant [101]");
    }

    @Test
    void givenAGrantOverride_thenAccessStaysWhateverBillingSaysUntilTheOverrideIsCleared() {
        workflow.grantAccess(new OperatorAction("sam", "comp membership for a speaker", null));
        settle();
        customer.send(customer.events.subscription("customer.subscription.deleted", customer.nowSeconds(), "sub_1",
                "canceled", "price_pro", false, null));

        assertThat(workflow.state().member().status()).isEqualTo(MemberStatus.CANCELED);
        assertThat(workflow.state().member().accessGranted()).isTrue();
        assertThat(vendors.calls()).doesNotContain("revoke [101]");

        workflow.clearOverride(new OperatorAction("sam", "talk is over", null));
        settle();

        assertThat(workflow.state().member().accessGranted()).isFalse();
        assertThat(vendors.calls()).contains("revoke [101]");
        assertThat(timeline()).contains("grantAccess: comp membership for a speaker", "clearOverride: talk is over");
    }

    @Test
    void givenRetrySyncAfterCircleRefusedForGood_thenTheHeldChangeIsTriedAgainAndTheFailureClears() {
        vendors.circleFinalError = "circle grant access group 102 failed: HTTP 401; check CIRCLE_API_TOKEN";
        customer.send(customer.events.subscription("customer.subscription.updated", customer.nowSeconds(), "sub_1",
                "active", "price_plus", false, null));
        assertThat(workflow.state().lastFailure()).contains("HTTP 401");

        vendors.circleFinalError = null;
        workflow.retrySync(new OperatorAction("sam", "rotated the Circle token", null));
        settle();

        assertThat(vendors.calls()).containsSubsequence("grant [102]", "revoke [101]");
        assertThat(workflow.state().lastFailure()).isNull();
        assertThat(timeline()).contains("retrySync: rotated the Circle token");
    }

    @Test
    void givenResolveSupportTaskWithoutATaskId_thenItIsRejectedAndNoted() {
        workflow.resolveSupportTask(new OperatorAction("sam", "done", null));
        settle();

        assertThat(vendors.resolved).isEmpty();
        assertThat(timeline()).contains("rejected resolveSupportTask: taskId is required");
    }

    @Test
    void givenAnActionWithNoBodyAtAll_thenItIsRejectedAsFromAnUnknownActor() {
        workflow.block(null);
        settle();

        assertThat(workflow.state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(workflow.state().timeline()).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("unknown");
            assertThat(entry.text()).isEqualTo("rejected block: actor and reason are required");
        });
    }
}
