package io.memberflow.workflow;

import io.memberflow.activities.AuditEntry;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin view's projection and audit trail, written by the workflow through the record-keeping activity. */
class ProjectionWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private CustomerHarness customer;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        customer = new CustomerHarness(env, client, worker, "cus_view", () -> EngineFixtures.settings(5000), vendors);
    }

    @Test
    void givenEveryChange_thenTheProjectionFollowsAndTheAuditTrailHasNoGap() {
        customer.signUp();
        customer.send(customer.events.invoice("invoice.payment_failed", customer.nowSeconds(), "price_pro", 0));

        assertThat(vendors.snapshots).last().satisfies(s -> {
            assertThat(s.state()).isEqualTo("PAST_DUE");
            assertThat(s.accessGranted()).isTrue();
            assertThat(s.circleAccessGroupIds()).containsExactly(101L);
            assertThat(s.revision()).isEqualTo(customer.state().seq());
        });
        assertThat(vendors.audit).extracting(AuditEntry::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, customer.state().seq()).boxed().toList());
        assertThat(customer.state().unsent()).isEmpty();
    }

    @Test
    void givenProjectionWritesFailing_thenTheyAreNotRetriedInALoopAndTheNextChangeWritesEverythingHeldBack() {
        vendors.recordFailures.set(1000);
        customer.signUp();
        int attempts = vendors.recordAttempts.get();
        assertThat(attempts).isPositive();
        assertThat(customer.state().unsent()).isNotEmpty();

        customer.env.sleep(Duration.ofMinutes(10));
        assertThat(vendors.recordAttempts.get()).as("no retry without a change").isEqualTo(attempts);

        vendors.recordFailures.set(0);
        customer.send(customer.events.invoice("invoice.paid", customer.nowSeconds(), "price_pro", 2900));

        assertThat(vendors.snapshots).isNotEmpty();
        assertThat(vendors.audit).extracting(AuditEntry::text)
                .anyMatch(text -> text.startsWith("checkout.session.completed"))
                .anyMatch(text -> text.startsWith("invoice.paid"));
        assertThat(vendors.audit).extracting(AuditEntry::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, customer.state().seq()).boxed().toList());
        assertThat(customer.state().unsent()).isEmpty();
    }
}
