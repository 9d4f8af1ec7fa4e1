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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Stripe customers with one e-mail address (Circle and Kit know people by address): one customer's removal never
 * takes what the other requires, also when both workflows act at once (version {@code shared-address}).
 */
class SharedAddressWorkflowTest {
    static final String EMAIL = "member@example.com";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private final EngineFixtures.Events first = new EngineFixtures.Events("cus_first");
    private final EngineFixtures.Events second = new EngineFixtures.Events("cus_second");
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

    private long now() {
        return env.currentTimeMillis() / 1000;
    }

    private void signal(String customer, io.memberflow.domain.BillingEvent event) {
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), customer, event);
    }

    private CustomerRecord state(String customer) {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(customer)).state();
    }

    @Test
    void givenTheSecondCustomerIsGrantedBetweenTheFirstOnesCheckAndItsRevoke_thenTheSecondIsGrantedAgain()
            throws InterruptedException {
        signal("cus_first", first.checkoutPaid(now(), "price_pro"));
        env.sleep(Duration.ofSeconds(30));
        CountDownLatch secondGranted = new CountDownLatch(1);
        vendors.onSameAddress.set(() -> signal("cus_second", second.checkoutPaid(now(), "price_pro")));
        vendors.beforeRevoke = change -> {
            if (change.customerId().equals("cus_first")) {
                awaitQuietly(secondGranted); // the first customer's revoke reaches Circle after the second's grant
            }
        };
        Thread watcher = new Thread(() -> {
            while (vendors.addressed.stream().noneMatch(c -> c.startsWith("grant [101]")) || secondGrants() == 0) {
                sleepQuietly();
            }
            secondGranted.countDown();
        });
        watcher.setDaemon(true);
        watcher.start();

        signal("cus_first", first.subscription("customer.subscription.deleted", now(), "sub_1", "canceled", "price_pro", false, null));
        env.sleep(Duration.ofMinutes(1));
        assertThat(secondGranted.await(10, TimeUnit.SECONDS)).isTrue();
        env.sleep(Duration.ofMinutes(1));

        assertThat(state("cus_first").member().status()).isEqualTo(MemberStatus.CANCELED);
        assertThat(state("cus_second").member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(vendors.circleAt.get(EMAIL)).as("Circle holds what the second customer pays for").contains(101L);
        assertThat(state("cus_first").timeline()).anySatisfy(e -> assertThat(e.text())
                .contains("customer cus_second of the same e-mail address came to require groups [101]"));
        assertThat(state("cus_second").timeline()).anySatisfy(e -> assertThat(e.text())
                .contains("customer cus_first of the same e-mail address removed Circle groups [101]"));
        assertThat(state("cus_second").member().applied().accessGroupIds()).containsExactly(101L);
    }

    @Test
    void givenTheOtherCustomerRequiresNothing_thenTheRevokeHappensAndNobodyIsSignalled() {
        signal("cus_first", first.checkoutPaid(now(), "price_pro"));
        env.sleep(Duration.ofSeconds(30));
        signal("cus_second", second.subscription("customer.subscription.created", now(), "sub_1", "incomplete", "price_pro", false, null));
        env.sleep(Duration.ofSeconds(30));

        signal("cus_first", first.subscription("customer.subscription.deleted", now(), "sub_1", "canceled", "price_pro", false, null));
        env.sleep(Duration.ofMinutes(1));

        assertThat(vendors.circleAt.get(EMAIL)).doesNotContain(101L);
        assertThat(state("cus_second").timeline()).noneSatisfy(e -> assertThat(e.kind()).isEqualTo("drift"));
    }

    private long secondGrants() {
        return vendors.snapshots.stream().filter(s -> s.customerId().equals("cus_second"))
                .filter(s -> s.circleAccessGroupIds().contains(101L)).count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
