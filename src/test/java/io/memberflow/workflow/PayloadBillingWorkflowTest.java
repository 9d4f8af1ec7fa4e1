package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The workflow without Stripe reads (no API key): billing from payloads, each fact on its own clock. */
class PayloadBillingWorkflowTest {
    static final String CUSTOMER = "cus_payload";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private final EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
    private final AtomicReference<EngineSettings> settings = new AtomicReference<>(EngineFixtures.settings(5000));
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private Worker worker;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.env = env;
        this.client = client;
        this.worker = worker;
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(settings::get, EngineFixtures.fastPolicies()));
        worker.registerActivitiesImplementations(vendors);
        env.start();
    }

    private long now() {
        return env.currentTimeMillis() / 1000;
    }

    private void send(BillingEvent event) {
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), CUSTOMER, event);
        env.sleep(Duration.ofSeconds(30));
    }

    private CustomerRecord state() {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER)).state();
    }

    @Test
    void givenTheSubscriptionEventFirstAndTheOlderCheckoutLater_thenTheCheckoutsEmailStillGivesAccess() {
        long t = now();
        send(events.subscription("customer.subscription.created", t, "sub_1", "active", "price_pro", false, null)
                .toBuilder().email(null).name(null).build());
        assertThat(state().needsAttention()).isTrue();
        assertThat(state().attentionReason()).contains("no e-mail address");

        send(events.checkoutPaid(t - 2, "price_pro"));

        assertThat(vendors.addressed).containsExactly("grant [101] member@example.com", "tag [9001] member@example.com");
        assertThat(state().member().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(state().needsAttention()).isFalse();
        assertThat(vendors.tasks).isEmpty();
    }

    @Test
    void givenNoEmailForLongerThanTheWait_thenOneSupportTaskOpensAndIsResolvedWhenTheEmailArrives() {
        send(events.subscription("customer.subscription.created", now(), "sub_1", "active", "price_pro", false, null)
                .toBuilder().email(null).name(null).build());
        env.sleep(Duration.ofMinutes(11));

        assertThat(vendors.tasks).extracting(t -> t.key()).containsExactly(CUSTOMER + ":email_missing");

        send(BillingEvent.builder("evt_upd", "customer.updated", now(), CUSTOMER).email("late@example.com").build());

        assertThat(vendors.resolved).hasSize(1);
        assertThat(vendors.addressed).contains("grant [101] late@example.com");
        assertThat(state().needsAttention()).isFalse();
        assertThat(state().openTaskIds()).isEmpty();
    }

    @Test
    void givenAConfigurationChange_thenARunningWorkflowPicksItUp() {
        send(events.checkoutPaid(now(), "price_pro"));
        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");

        EngineSettings old = settings.get();
        settings.set(new EngineSettings(old.gracePeriodMillis(), List.of(
                new Plan("plus", Set.of("price_plus"), Set.of(102L), Set.of(9002L)),
                new Plan("pro", Set.of("price_pro"), Set.of(101L, 105L), Set.of(9001L))),
                Map.of(MemberStatus.PAST_DUE, 9100L), old.continueAsNewAfter()));
        env.sleep(Duration.ofMillis(SettingsReader.REFRESH_MILLIS)); // settings are read again a minute after the last read
        send(events.invoice("invoice.paid", now(), "price_pro", 2900));

        assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]", "grant [105]");
    }
}
