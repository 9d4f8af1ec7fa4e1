package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.MemberStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The workflow with Stripe reads on: events are triggers, Stripe's current state (a {@link FakeStripe}) the input. */
class BillingTruthWorkflowTest {
    static final String CUSTOMER = "cus_truth";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final FakeVendors vendors = new FakeVendors();
    private final FakeStripe stripe = new FakeStripe("member@example.com");
    private final EngineFixtures.Events events = new EngineFixtures.Events(CUSTOMER);
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private Worker worker;

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        this.env = env;
        this.client = client;
        this.worker = worker;
        stripe.clockMillis = env::currentTimeMillis;
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class, () -> new CustomerWorkflowImpl(
                () -> EngineFixtures.settings(5000).withBillingReads(250), EngineFixtures.fastPolicies()));
        worker.registerActivitiesImplementations(vendors, stripe);
        env.start();
    }

    private long now() {
        return env.currentTimeMillis() / 1000;
    }

    private void signal(BillingEvent event) {
        stripe.inbox.add(event.eventId()); // the intake records an event before it delivers it
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), CUSTOMER, event);
    }

    private void settle() {
        env.sleep(Duration.ofSeconds(30));
    }

    private CustomerRecord state() {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER)).state();
    }

    private BillingEvent withoutEmail(BillingEvent e) {
        return e.toBuilder().email(null).name(null).build();
    }

    @Nested
    class OutOfOrderSignups {
        @Test
        void givenTheSubscriptionEventFirstAndTheCheckoutSecondsLater_thenAccessIsGrantedOnceFromStripesState() {
            stripe.subscription("sub_1", "active", "price_pro");
            signal(withoutEmail(events.subscription("customer.subscription.created", now(), "sub_1", "active", "price_pro", false, null)));
            settle();
            signal(events.invoice("invoice.paid", now() - 20, "price_pro", 2900));
            signal(events.checkoutPaid(now() - 25, "price_pro"));
            settle();

            assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
            assertThat(state().member().status()).isEqualTo(MemberStatus.ACTIVE);
            assertThat(state().member().email()).isEqualTo("member@example.com");
            assertThat(state().needsAttention()).isFalse();
        }

        @Test
        void givenNoCheckoutEventAtAll_thenTheEmailComesFromTheStripeCustomer() {
            stripe.subscription("sub_1", "active", "price_pro");
            signal(withoutEmail(events.subscription("customer.subscription.created", now(), "sub_1", "active", "price_pro", false, null)));
            settle();

            assertThat(vendors.addressed).containsExactly("grant [101] member@example.com", "tag [9001] member@example.com");
        }

        /**
         * None of the burst is in the stand-in inbox, so the first read (at once, version {@code leading-edge-read})
         * covers only what reached the workflow before it; the rest asks for one more read after the debounce.
         */
        @Test
        void givenABurstOfEightShuffledEventsTheInboxDidNotHold_thenAtMostTwoReadsAndOneGrant() {
            stripe.subscription("sub_1", "active", "price_pro");
            long t = now();
            List<BillingEvent> burst = new ArrayList<>(List.of(events.checkoutPaid(t, "price_pro"),
                    events.subscription("customer.subscription.created", t, "sub_1", "incomplete", "price_pro", false, null),
                    events.subscription("customer.subscription.updated", t + 1, "sub_1", "active", "price_pro", false, null),
                    events.invoice("invoice.payment_succeeded", t + 1, "price_pro", 2900),
                    events.invoice("invoice.paid", t + 1, "price_pro", 2900)));
            burst.add(burst.get(0));
            burst.add(burst.get(3));
            burst.add(events.invoice("invoice.finalized", t, "price_pro", 2900));
            Collections.shuffle(burst, new Random(7));
            burst.forEach(BillingTruthWorkflowTest.this::signal);
            settle();

            assertThat(stripe.reads.get()).isBetween(1, 2);
            assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
            assertThat(state().eventsApplied()).isEqualTo(6);
        }
    }

    @Nested
    class PlansAndAddresses {
        @Test
        void givenAnUpgradeWhoseInvoiceCarriesAProrationLineOnTheOldPrice_thenThePlanFollowsTheSubscription() {
            stripe.subscription("sub_1", "active", "price_plus");
            signal(events.checkoutPaid(now(), "price_plus"));
            settle();
            stripe.subscription("sub_1", "active", "price_pro");
            signal(events.subscription("customer.subscription.updated", now(), "sub_1", "active", "price_pro", false, null));
            signal(events.invoice("invoice.paid", now(), "price_plus", 900).toBuilder().priceIds("price_plus", "price_pro").build());
            settle();

            assertThat(state().member().planName()).isEqualTo("pro");
            assertThat(vendors.calls()).containsExactly("grant [102]", "tag [9002]", "grant [101]", "revoke [102]",
                    "untag [9002]", "tag [9001]");
        }

        @Test
        void givenAnEmailChangeRacedByAnOlderInvoice_thenTheNewAddressStays() {
            stripe.subscription("sub_1", "active", "price_pro");
            signal(events.checkoutPaid(now(), "price_pro"));
            settle();
            stripe.email = "new@example.com";
            long changed = now();
            signal(events.invoice("invoice.paid", changed - 60, "price_pro", 2900)); // created before the change
            signal(BillingEvent.builder("evt_upd", "customer.updated", changed, CUSTOMER).email("new@example.com").build());
            settle();

            assertThat(state().member().email()).isEqualTo("new@example.com");
            assertThat(vendors.addressed).containsExactly("grant [101] member@example.com", "tag [9001] member@example.com",
                    "grant [101] new@example.com", "revoke [101] member@example.com", "untag [9001] member@example.com",
                    "tag [9001] new@example.com");
        }
    }

    @Nested
    class NeverSilent {
        @Test
        void givenAPriceInNoPlan_thenTheCustomerIsFlaggedWithOneTaskAndAccessIsNotReportedAsGranted() {
            stripe.subscription("sub_1", "active", "price_mystery");
            signal(events.checkoutPaid(now(), "price_mystery"));
            signal(events.invoice("invoice.paid", now(), "price_mystery", 2900));
            settle();

            CustomerRecord r = state();
            assertThat(r.needsAttention()).isTrue();
            assertThat(r.attentionReason()).contains("price_mystery").contains("no configured plan");
            assertThat(vendors.tasks).extracting(t -> t.key()).containsExactly(CUSTOMER + ":plan_unknown");
            assertThat(vendors.snapshots).last().satisfies(s -> {
                assertThat(s.accessGranted()).isFalse();
                assertThat(s.needsAttention()).isTrue();
                assertThat(s.attention()).contains("price_mystery");
            });
        }

        @Test
        void givenStripeFailingThenRecovering_thenAccessIsGrantedAfterTheRetries() {
            stripe.subscription("sub_1", "active", "price_pro");
            stripe.failuresLeft.set(2);
            signal(events.checkoutPaid(now(), "price_pro"));
            settle();

            assertThat(stripe.reads.get()).isEqualTo(3);
            assertThat(vendors.calls()).containsExactly("grant [101]", "tag [9001]");
            assertThat(state().needsAttention()).isFalse();
        }

        @Test
        void givenStripeRejectingTheKey_thenTheCustomerIsFlaggedAndATaskOpens() {
            stripe.keyRejected = true;
            signal(events.checkoutPaid(now(), "price_pro"));
            settle();

            assertThat(state().attentionReason()).contains("Stripe could not be read").contains("401");
            assertThat(vendors.tasks).extracting(t -> t.kind()).containsExactly("stripe_read_failed");
            stripe.keyRejected = false;
            stripe.subscription("sub_1", "active", "price_pro");
            client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(CUSTOMER))
                    .retrySync(new OperatorAction("sam", "new Stripe key", null));
            settle();

            assertThat(vendors.calls()).contains("grant [101]");
            assertThat(state().problems()).isEmpty();
            assertThat(vendors.resolved).hasSize(1);
        }

        @Test
        void givenCircleRejectingTheMember_thenThreeEventsOpenOneSupportTask() {
            stripe.subscription("sub_1", "active", "price_pro");
            vendors.circleFinalError = "circle grant: HTTP 403 member limit reached";
            signal(events.checkoutPaid(now(), "price_pro"));
            settle();
            signal(events.subscription("customer.subscription.updated", now(), "sub_1", "active", "price_pro", false, null));
            settle();
            signal(events.invoice("invoice.paid", now(), "price_pro", 2900));
            settle();

            assertThat(vendors.tasks).extracting(t -> t.key()).containsExactly(CUSTOMER + ":sync_failed:circle");
            assertThat(state().needsAttention()).isTrue();
            assertThat(state().lastFailure()).contains("403");
        }
    }
}
