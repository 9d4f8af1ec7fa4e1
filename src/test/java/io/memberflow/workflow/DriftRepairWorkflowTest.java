package io.memberflow.workflow;

import io.memberflow.domain.MemberStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code repairDrift} signal: what a reconciliation run saw at Circle, Kit or Stripe is repaired in the workflow. */
class DriftRepairWorkflowTest {
    static final String CUSTOMER = "cus_drift";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private final FakeStripe stripe = new FakeStripe("member@example.com");
    private CustomerHarness customer;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        stripe.clockMillis = env::currentTimeMillis;
        customer = new CustomerHarness(env, client, worker, CUSTOMER,
                () -> EngineFixtures.settings(5000).withBillingReads(250), vendors, stripe);
    }

    private CustomerWorkflow workflow() {
        return customer.workflow();
    }

    private void settle() {
        customer.settle();
    }

    private void activeProMember() {
        stripe.subscription("sub_1", "active", "price_pro");
        customer.signUp();
        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
        vendors.calls.clear();
    }

    @Test
    void givenAMemberRemovedFromTheirGroupByHand_thenTheRepairGrantsItOnceAndSaysWhy() {
        activeProMember();

        workflow().repairDrift(new DriftRepair("run-1", Set.of(101L), Set.of(), Set.of(), Set.of(), false));
        settle();

        assertThat(vendors.calls()).containsExactly("grant [101]");
        assertThat(workflow().state().timeline()).anySatisfy(entry -> {
            assertThat(entry.kind()).isEqualTo("drift");
            assertThat(entry.actor()).isEqualTo("reconciliation");
            assertThat(entry.text()).contains("run-1").contains("Circle lacks groups [101]");
        });
        assertThat(workflow().state().member().applied().accessGroupIds()).containsExactly(101L);
    }

    @Test
    void givenATagAddedByHandThatBillingDoesNotWant_thenTheRepairRemovesIt() {
        activeProMember();

        workflow().repairDrift(new DriftRepair("run-2", Set.of(), Set.of(), Set.of(), Set.of(9002L), false));
        settle();

        assertThat(vendors.calls()).containsExactly("untag [9002]");
        assertThat(workflow().state().member().applied().tagIds()).containsExactly(9001L);
    }

    @Test
    void givenAPaidGroupAddedByHandToAMemberWhoseTagWentMissing_thenBothAreRepairedAccessFirst() {
        activeProMember();

        workflow().repairDrift(new DriftRepair("run-3", Set.of(), Set.of(102L), Set.of(9001L), Set.of(), false));
        settle();

        assertThat(vendors.calls()).containsExactly("revoke [102]", "tag [9001]");
    }

    @Test
    void givenTheCustomerWasDeletedInStripe_thenTheRereadEndsAccess() {
        activeProMember();
        stripe.deleted = true;
        int readsBefore = stripe.reads.get();

        workflow().repairDrift(new DriftRepair("run-4", Set.of(), Set.of(), Set.of(), Set.of(), true));
        settle();

        assertThat(stripe.reads.get()).isEqualTo(readsBefore + 1);
        assertThat(workflow().state().member().status()).isEqualTo(MemberStatus.CANCELED);
        assertThat(vendors.calls()).startsWith("revoke [101]").contains("untag [9001]");
    }

    @Test
    void givenARepairThatMatchesWhatIsAlreadyApplied_thenNoVendorIsCalled() {
        activeProMember();

        workflow().repairDrift(new DriftRepair("run-5", Set.of(), Set.of(101L), Set.of(9002L), Set.of(9001L), false));
        settle();

        assertThat(vendors.calls()).isEmpty();
    }
}
