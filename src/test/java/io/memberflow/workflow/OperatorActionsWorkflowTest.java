package io.memberflow.workflow;

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

/** Operator signals at workflow level: overrides, blocks, rejected actions and the {@code pending} query. */
class OperatorActionsWorkflowTest {
    static final String CUSTOMER = "cus_ops";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private final EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private CustomerWorkflow workflow;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.env = env;
        this.client = client;
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(() -> EngineFixtures.settings(5000), EngineFixtures.fastPolicies()));
        worker.registerActivitiesImplementations(vendors);
        env.start();
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), CUSTOMER,
                events.checkoutPaid(env.currentTimeMillis() / 1000, "price_pro"));
        settle();
        workflow = client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER));
    }

    private void settle() {
        env.sleep(Duration.ofSeconds(30));
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
}
