package io.memberflow.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.BillingSnapshot.SubscriptionFacts;
import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import io.memberflow.intake.StripeEventReader;
import io.memberflow.support.StripeShapes;
import io.memberflow.support.StripeShapes.Layout;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ordinary membership-business billing shapes, sent as Stripe's own JSON in both API layouts through the intake's
 * reader into the customer workflow: refunds of the charge just paid, $0 purchases, one-off purchases, customers
 * Stripe answers 404 for, and two customers who share one e-mail address (issue 20).
 */
class BillingShapesWorkflowTest {
    static final String CUSTOMER = "cus_shapes";
    static final String EMAIL = "member@example.com";

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = EngineFixtures.temporal();

    private final StripeEventReader reader = new StripeEventReader(new ObjectMapper());
    private final FakeVendors vendors = new FakeVendors();
    private final FakeStripe stripe = new FakeStripe(EMAIL);
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private Worker worker;

    /** Plan pro is bought monthly (price_pro) or for life (price_pro_lifetime, a one-off price). */
    static EngineSettings settings(boolean reads) {
        EngineSettings base = EngineFixtures.settings(5000);
        EngineSettings s = new EngineSettings(base.gracePeriodMillis(), List.of(
                new Plan("plus", Set.of("price_plus"), Set.of(102L), Set.of(9002L)),
                new Plan("pro", Set.of("price_pro", "price_pro_lifetime"), Set.of(101L), Set.of(9001L))),
                base.lifecycleTagIds(), base.continueAsNewAfter());
        return reads ? s.withBillingReads(250) : s;
    }

    private void start(TestWorkflowEnvironment env, WorkflowClient client, Worker worker, boolean reads) {
        this.env = env;
        this.client = client;
        this.worker = worker;
        stripe.clockMillis = env::currentTimeMillis;
        worker.registerWorkflowImplementationFactory(CustomerWorkflow.class,
                () -> new CustomerWorkflowImpl(() -> settings(reads), EngineFixtures.fastPolicies()));
        worker.registerActivitiesImplementations(vendors, stripe);
        env.start();
        startMillis = env.currentTimeMillis();
    }

    private long startMillis;

    /**
     * Event time: the test clock's progress from a start 40 days ago in real time (the intake refuses events dated
     * more than a day ahead, and the test clock skips days).
     */
    private long now() {
        return System.currentTimeMillis() / 1000 - 40 * 86_400L + (env.currentTimeMillis() - startMillis) / 1000;
    }

    /** What the intake does with a webhook body: read its facts, record it, deliver it. */
    private void deliver(String customer, String json) {
        BillingEvent event = reader.read(json.getBytes(StandardCharsets.UTF_8)).toBillingEvent(customer);
        stripe.inbox.add(event.eventId());
        EngineFixtures.signalWithStart(client, worker.getTaskQueue(), customer, event);
    }

    private void settle() {
        env.sleep(Duration.ofSeconds(30));
    }

    private CustomerRecord state(String customer) {
        return client.newWorkflowStub(CustomerWorkflow.class, CustomerWorkflow.workflowId(customer)).state();
    }

    private static SubscriptionFacts sub(String id, String status) {
        return new SubscriptionFacts(id, status, List.of("price_pro"), false, null, 1_700_000_000L);
    }

    /** A monthly signup: Checkout (subscription mode), then its first invoice paid with charge ch_1. */
    private void signUp(StripeShapes shapes, long t) {
        stripe.subscriptions = List.of(sub("sub_1", "active"));
        deliver(CUSTOMER, shapes.checkoutCompleted("evt_co1", t, "cs_1", "subscription", "paid", "sub_1", "in_1", null, 2900));
        deliver(CUSTOMER, shapes.subscription("evt_sc1", "customer.subscription.created", t, "sub_1", "active", "price_pro"));
        deliver(CUSTOMER, shapes.invoicePaid("evt_ip1", t, "in_1", "sub_1", "ch_1", "pi_1", 2900, "subscription_create", "price_pro"));
        settle();
        assertThat(state(CUSTOMER).member().status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Nested
    class RefundOfTheChargeJustPaid {
        @ParameterizedTest(name = "{0}, refund delivered {1}")
        @CsvSource({"V2024_06_20, after", "V2024_06_20, before", "BASIL, after", "BASIL, before"})
        void givenARenewalAndAFullRefundOfItsChargeInOneSecond_thenTheMemberIsRefundedWhateverTheOrder(
                Layout layout, String order, TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
            start(env, client, worker, true);
            StripeShapes shapes = new StripeShapes(CUSTOMER, EMAIL, layout);
            signUp(shapes, now());
            env.sleep(Duration.ofDays(2));
            long renewal = now();
            String paid = shapes.invoicePaid("evt_ip2", renewal, "in_2", "sub_1", "ch_2", "pi_2", 2900, "subscription_cycle", "price_pro");
            String refund = shapes.chargeRefunded("evt_rf2", renewal, "ch_2", renewal, "in_2", "pi_2", 2900);
            if (order.equals("after")) {
                deliver(CUSTOMER, paid);
                deliver(CUSTOMER, refund);
            } else {
                deliver(CUSTOMER, refund);
                deliver(CUSTOMER, paid);
            }
            settle();

            assertThat(state(CUSTOMER).member().status()).isEqualTo(MemberStatus.REFUNDED);
            assertThat(vendors.calls()).contains("revoke [101]");
            assertThat(vendors.circleAt.get(EMAIL)).isEmpty();
        }
    }

    @Nested
    class ReturningMemberOnAFreeCoupon {
        @ParameterizedTest
        @EnumSource(Layout.class)
        void givenAFullRefundACancellationAndANewSubscriptionPaidAtZero_thenTheMemberIsActiveAgain(
                Layout layout, TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
            start(env, client, worker, true);
            StripeShapes shapes = new StripeShapes(CUSTOMER, EMAIL, layout);
            long t = now();
            signUp(shapes, t);
            deliver(CUSTOMER, shapes.chargeRefunded("evt_rf1", now(), "ch_1", t, "in_1", "pi_1", 2900));
            settle();
            stripe.subscriptions = List.of(sub("sub_1", "canceled"));
            deliver(CUSTOMER, shapes.subscription("evt_sd1", "customer.subscription.deleted", now(), "sub_1", "canceled", "price_pro"));
            settle();
            assertThat(state(CUSTOMER).member().status()).isEqualTo(MemberStatus.REFUNDED);

            env.sleep(Duration.ofDays(20));
            long back = now();
            stripe.subscriptions = List.of(sub("sub_1", "canceled"), sub("sub_2", "active"));
            deliver(CUSTOMER, shapes.checkoutCompleted("evt_co2", back, "cs_2", "subscription", "no_payment_required", "sub_2", "in_2", null, 0));
            deliver(CUSTOMER, shapes.subscription("evt_sc2", "customer.subscription.created", back, "sub_2", "active", "price_pro"));
            deliver(CUSTOMER, shapes.invoicePaid("evt_ip2", back, "in_2", "sub_2", null, null, 0, "subscription_create", "price_pro"));
            settle();

            assertThat(state(CUSTOMER).member().status()).isEqualTo(MemberStatus.ACTIVE);
            assertThat(vendors.circleAt.get(EMAIL)).containsExactly(101L);
        }

        @ParameterizedTest
        @EnumSource(Layout.class)
        void givenAZeroProrationInvoiceOfTheRefundedSubscription_thenTheMemberStaysRefunded(
                Layout layout, TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
            start(env, client, worker, true);
            StripeShapes shapes = new StripeShapes(CUSTOMER, EMAIL, layout);
            long t = now();
            signUp(shapes, t);
            deliver(CUSTOMER, shapes.chargeRefunded("evt_rf1", now(), "ch_1", t, "in_1", "pi_1", 2900));
            settle();
            env.sleep(Duration.ofMinutes(5));
            deliver(CUSTOMER, shapes.invoicePaid("evt_ip3", now(), "in_3", "sub_1", null, null, 0, "subscription_update", "price_pro"));
            settle();

            assertThat(state(CUSTOMER).member().status()).isEqualTo(MemberStatus.REFUNDED);
            assertThat(vendors.circleAt.get(EMAIL)).isEmpty();
        }
    }

    @Nested
    class OneOffPurchases {
        @ParameterizedTest
        @EnumSource(Layout.class)
        void givenAPaidLifetimeCheckoutWithItsInvoiceAndStripeReads_thenTheMemberIsActiveUntilItIsRefunded(
                Layout layout, TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
            start(env, client, worker, true);
            StripeShapes shapes = new StripeShapes(CUSTOMER, EMAIL, layout);
            long t = now();
            deliver(CUSTOMER, shapes.checkoutCompleted("evt_co1", t, "cs_1", "payment", "paid", null, "in_1", "pi_1", 29900));
            deliver(CUSTOMER, shapes.invoicePaid("evt_ip1", t, "in_1", null, "ch_1", "pi_1", 29900, "manual", "price_pro_lifetime"));
            settle();

            CustomerRecord bought = state(CUSTOMER);
            assertThat(bought.member().status()).isEqualTo(MemberStatus.ACTIVE);
            assertThat(vendors.circleAt.get(EMAIL)).containsExactly(101L);
            assertThat(bought.needsAttention()).isFalse();
            assertThat(vendors.snapshots).last().satisfies(s -> {
                assertThat(s.accessGranted()).isTrue();
                assertThat(s.plan()).isEqualTo("pro");
            });

            env.sleep(Duration.ofDays(3));
            deliver(CUSTOMER, shapes.chargeRefunded("evt_rf1", now(), "ch_1", t, "in_1", "pi_1", 29900));
            settle();

            assertThat(state(CUSTOMER).member().status()).isEqualTo(MemberStatus.REFUNDED);
            assertThat(vendors.circleAt.get(EMAIL)).isEmpty();
        }
    }

    @Nested
    class CustomersStripeDoesNotKnow {
        @Test
        void givenAPaidSignupWhoseCustomerAnswers404_thenNoAccessAndOneSupportTaskSaysWhy(
                TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
            start(env, client, worker, true);
            stripe.unknown = true;
            StripeShapes shapes = new StripeShapes(CUSTOMER, EMAIL, Layout.BASIL);
            long t = now();
            deliver(CUSTOMER, shapes.checkoutCompleted("evt_co1", t, "cs_1", "subscription", "paid", "sub_1", "in_1", null, 2900));
            deliver(CUSTOMER, shapes.invoicePaid("evt_ip1", t, "in_1", "sub_1", null, null, 2900, "subscription_create", "price_pro"));
            settle();
            deliver(CUSTOMER, shapes.subscription("evt_su1", "customer.subscription.updated", now(), "sub_1", "active", "price_pro"));
            settle();

            CustomerRecord r = state(CUSTOMER);
            assertThat(r.member().status()).isEqualTo(MemberStatus.LEAD);
            assertThat(vendors.circleAt.getOrDefault(EMAIL, Set.of())).isEmpty();
            assertThat(r.needsAttention()).isTrue();
            assertThat(r.attentionReason()).contains("404").contains("STRIPE_API_KEY");
            assertThat(vendors.tasks).extracting(task -> task.kind()).containsExactly("stripe_customer_missing");
        }

        @Test
        void givenAMemberWhoseCustomerLaterAnswers404_thenAccessIsKeptTheMemberIsFlaggedAndTheFlagClearsOnceFound(
                TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
            start(env, client, worker, true);
            StripeShapes shapes = new StripeShapes(CUSTOMER, EMAIL, Layout.BASIL);
            signUp(shapes, now());
            stripe.unknown = true;
            env.sleep(Duration.ofDays(1));
            deliver(CUSTOMER, shapes.invoicePaid("evt_ip2", now(), "in_2", "sub_1", null, null, 2900, "subscription_cycle", "price_pro"));
            settle();
            deliver(CUSTOMER, shapes.subscription("evt_su2", "customer.subscription.updated", now(), "sub_1", "active", "price_pro"));
            settle();

            CustomerRecord r = state(CUSTOMER);
            assertThat(r.member().status()).isEqualTo(MemberStatus.ACTIVE);
            assertThat(vendors.circleAt.get(EMAIL)).containsExactly(101L);
            assertThat(r.needsAttention()).isTrue();
            assertThat(vendors.tasks).extracting(task -> task.kind()).containsExactly("stripe_customer_missing");

            stripe.unknown = false;
            deliver(CUSTOMER, shapes.subscription("evt_su3", "customer.subscription.updated", now(), "sub_1", "active", "price_pro"));
            settle();

            assertThat(state(CUSTOMER).needsAttention()).isFalse();
            assertThat(vendors.resolved).hasSize(1);
        }
    }

    @Nested
    class TwoCustomersOneAddress {
        @Test
        void givenTheFirstCustomersSubscriptionEndsWhileTheSecondPays_thenTheSecondKeepsGroupAndTagUntilItEndsToo(
                TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
            start(env, client, worker, false);
            StripeShapes first = new StripeShapes("cus_first", EMAIL, Layout.BASIL);
            StripeShapes second = new StripeShapes("cus_second", EMAIL, Layout.BASIL);
            long t = now();
            deliver("cus_first", first.checkoutCompleted("evt_a1", t, "cs_a", "subscription", "paid", "sub_a", "in_a", null, 2900));
            deliver("cus_first", first.invoicePaid("evt_a2", t, "in_a", "sub_a", null, null, 2900, "subscription_create", "price_pro"));
            settle();
            deliver("cus_second", second.checkoutCompleted("evt_b1", now(), "cs_b", "subscription", "paid", "sub_b", "in_b", null, 2900));
            deliver("cus_second", second.invoicePaid("evt_b2", now(), "in_b", "sub_b", null, null, 2900, "subscription_create", "price_pro"));
            settle();

            deliver("cus_first", first.subscription("evt_a3", "customer.subscription.deleted", now(), "sub_a", "canceled", "price_pro"));
            settle();

            assertThat(state("cus_first").member().status()).isEqualTo(MemberStatus.CANCELED);
            assertThat(vendors.circleAt.get(EMAIL)).as("Circle group at the shared address").contains(101L);
            assertThat(vendors.kitAt.get(EMAIL)).as("Kit tag at the shared address").contains(9001L);
            assertThat(state("cus_second").member().applied().accessGroupIds()).containsExactly(101L);
            assertThat(state("cus_first").timeline()).anySatisfy(e -> assertThat(e.text()).contains("cus_second"));

            deliver("cus_second", second.subscription("evt_b3", "customer.subscription.deleted", now(), "sub_b", "canceled", "price_pro"));
            settle();

            assertThat(vendors.circleAt.get(EMAIL)).doesNotContain(101L);
            assertThat(vendors.kitAt.get(EMAIL)).doesNotContain(9001L);
        }
    }
}
