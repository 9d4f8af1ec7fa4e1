package io.memberflow.domain;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.memberflow.domain.Fixtures.BASIC_GROUP;
import static io.memberflow.domain.Fixtures.NOW;
import static io.memberflow.domain.Fixtures.T;
import static io.memberflow.domain.MemberStatus.ACTIVE;
import static io.memberflow.domain.MemberStatus.LEAD;
import static io.memberflow.domain.MemberStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version {@code charge-facts}: refunds matched to the payment they concern, $0 new purchases, one-off purchases. Each
 * rule is checked in both delivery orders and with and without Stripe reads (the ledger does not depend on either).
 */
class ChargeMatchingTest {
    private final EntitlementMachine machine = Fixtures.machine().withChargeFacts(true);
    private final MemberState active = Fixtures.settled(machine, Fixtures.stateIn(ACTIVE));

    /** An invoice of sub_1 paid with a charge; {@code ids}: the 2024-06-20 layout names charge and payment intent. */
    static BillingEvent paid(String n, long created, boolean ids) {
        return Fixtures.event("evt_ip" + n, "invoice.paid", created).subscriptionId("sub_1").invoiceId("in_" + n)
                .chargeId(ids ? "ch_" + n : null).paymentIntentId(ids ? "pi_" + n : null).amountPaid(1999L)
                .billingReason("subscription_cycle").priceIds(Fixtures.BASIC_PRICE).build();
    }

    /** A full refund of charge ch_n; {@code ids}: the 2024-06-20 layout names its invoice. */
    static BillingEvent refunded(String n, long created, boolean ids) {
        return Fixtures.event("evt_rf" + n, "charge.refunded", created).chargeId("ch_" + n).paymentIntentId("pi_" + n)
                .invoiceId(ids ? "in_" + n : null).amount(1999L).amountRefunded(1999L).build();
    }

    private MemberState apply(MemberState s, boolean reads, BillingEvent... events) {
        for (BillingEvent e : events) {
            s = machine.apply(s, e, NOW, reads).next();
        }
        return s;
    }

    @Nested
    class RefundOfTheChargeJustPaid {
        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void givenThePaymentAndTheRefundOfItsChargeInOneSecond_thenRefundedInEitherOrderWithOrWithoutReads(boolean ids) {
            for (boolean reads : new boolean[] {false, true}) {
                assertThat(apply(active, reads, paid("2", T, ids), refunded("2", T, ids)).status()).isEqualTo(REFUNDED);
                assertThat(apply(active, reads, refunded("2", T, ids), paid("2", T, ids)).status()).isEqualTo(REFUNDED);
            }
        }

        @Test
        void givenTheRefundRedeliveredAfterTheNextRenewal_thenTheRenewalStands() {
            MemberState repaid = apply(active, false, paid("2", T, true), refunded("2", T, true), paid("3", T + 86_400, true));
            assertThat(repaid.status()).isEqualTo(ACTIVE);

            Transition again = machine.apply(repaid, refunded("2", T, true), NOW);
            assertThat(again.next().status()).isEqualTo(ACTIVE);
        }

        @Test
        void givenARefundOfAnOlderChargeInTheSecondANewChargeIsPaid_thenTheNewChargeStandsWhenTheIdsTellThemApart() {
            BillingEvent newer = paid("3", T, true);
            BillingEvent older = refunded("2", T, true);

            assertThat(apply(active, false, newer, older).status()).isEqualTo(ACTIVE);
            assertThat(apply(active, false, older, newer).status()).isEqualTo(ACTIVE);
            assertThat(machine.apply(apply(active, false, newer), older, NOW).note())
                    .contains("the later payment (invoice in_3, charge ch_3) stands");
        }

        @Test
        void givenTheNewerLayoutWhereTheInvoiceNamesNoCharge_thenAPaymentInTheRefundsSecondIsTakenToBeTheRefundedOne() {
            assertThat(apply(active, false, paid("3", T, false), refunded("2", T, false)).status()).isEqualTo(REFUNDED);
            assertThat(apply(active, false, paid("3", T + 1, false), refunded("2", T, false)).status()).isEqualTo(ACTIVE);
        }

        @Test
        void givenAPartialRefund_thenNothingIsRecorded() {
            BillingEvent partial = refunded("2", T, true).toBuilder().amountRefunded(500L).build();
            Transition t = machine.apply(active, partial, NOW);

            assertThat(t.next().status()).isEqualTo(ACTIVE);
            assertThat(t.next().payments().refunds()).isEmpty();
        }
    }

    @Nested
    class ZeroInvoices {
        private MemberState refundedAndCanceled() {
            MemberState s = apply(active, false, paid("1", T - 100, true), refunded("1", T, true),
                    Fixtures.subscription("evt_sd", "customer.subscription.deleted", T + 10, "sub_1", "canceled"));
            assertThat(s.status()).isEqualTo(REFUNDED);
            return s;
        }

        private BillingEvent zero(String id, long created, String sub, String reason) {
            return Fixtures.event(id, "invoice.paid", created).subscriptionId(sub).invoiceId("in_" + id).amountPaid(0L)
                    .billingReason(reason).priceIds(Fixtures.BASIC_PRICE).build();
        }

        @Test
        void givenANewSubscriptionWhoseFirstInvoiceIsPaidAtZero_thenTheRefundIsLiftedInEitherOrder() {
            BillingEvent created = Fixtures.subscription("evt_sc2", "customer.subscription.created", T + 100, "sub_2", "active",
                    Fixtures.BASIC_PRICE);
            BillingEvent first = zero("evt_z", T + 100, "sub_2", "subscription_create");

            assertThat(apply(refundedAndCanceled(), false, created, first).status()).isEqualTo(ACTIVE);
            assertThat(apply(refundedAndCanceled(), false, first, created).status()).isEqualTo(ACTIVE);
            assertThat(machine.desired(apply(refundedAndCanceled(), false, created, first)).accessGroupIds())
                    .containsExactly(BASIC_GROUP);
        }

        @Test
        void givenAZeroProrationOrRenewalInvoiceOfTheRefundedSubscription_thenStillRefunded() {
            MemberState refunded = apply(active, false, paid("1", T - 100, true), refunded("1", T, true));

            assertThat(apply(refunded, false, zero("evt_p", T + 50, "sub_1", "subscription_update")).status()).isEqualTo(REFUNDED);
            assertThat(apply(refunded, false, zero("evt_c", T + 50, "sub_1", "subscription_cycle")).status()).isEqualTo(REFUNDED);
        }

        @Test
        void givenTheRefundedSubscriptionsOwnZeroFirstInvoiceDeliveredLate_thenStillRefunded() {
            // a trial's $0 first invoice, created before the charge that was refunded
            MemberState s = apply(active, false, paid("1", T - 100, true), refunded("1", T, true),
                    zero("evt_trial", T - 30 * 86_400, "sub_1", "subscription_create"));

            assertThat(s.status()).isEqualTo(REFUNDED);
        }
    }

    @Nested
    class OneOffPurchases {
        private final MemberState lead = Fixtures.stateIn(LEAD);

        private BillingEvent checkout(long created) {
            return Fixtures.event("evt_co", "checkout.session.completed", created).checkoutMode("payment")
                    .paymentStatus("paid").invoiceId("in_life").paymentIntentId("pi_life").amount(29_900L)
                    .email("member@example.com").build();
        }

        private BillingEvent invoice(long created, boolean ids, String price) {
            return Fixtures.event("evt_inv", "invoice.paid", created).invoiceId("in_life").chargeId(ids ? "ch_life" : null)
                    .paymentIntentId(ids ? "pi_life" : null).amountPaid(29_900L).billingReason("manual").priceIds(price)
                    .build();
        }

        private BillingEvent refund(long created, boolean ids) {
            return Fixtures.event("evt_rfl", "charge.refunded", created).chargeId("ch_life").paymentIntentId("pi_life")
                    .invoiceId(ids ? "in_life" : null).amount(29_900L).amountRefunded(29_900L).build();
        }

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void givenAPaidCheckoutAndItsInvoiceForAPlansPrice_thenActiveWithThatPlanInEitherOrderWithOrWithoutReads(boolean reads) {
            MemberState a = apply(lead, reads, checkout(T), invoice(T, true, Fixtures.PRO_PRICE));
            MemberState b = apply(lead, reads, invoice(T, false, Fixtures.PRO_PRICE), checkout(T));

            for (MemberState s : List.of(a, b)) {
                assertThat(s.status()).isEqualTo(ACTIVE);
                assertThat(s.accessPlanName()).isEqualTo("pro");
                assertThat(machine.desired(s).accessGroupIds()).containsExactlyInAnyOrder(Fixtures.PRO_GROUP, Fixtures.PRO_EXTRA_GROUP);
            }
        }

        @Test
        void givenAReadOfStripeWithoutSubscriptions_thenTheOneOffPurchaseStays() {
            MemberState bought = apply(lead, true, checkout(T), invoice(T, false, Fixtures.PRO_PRICE));
            BillingSnapshot none = new BillingSnapshot(Fixtures.CUSTOMER, true, false, "member@example.com", null, List.of(), T + 5);

            assertThat(machine.applySnapshot(bought, none, NOW).next().status()).isEqualTo(ACTIVE);
        }

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void givenItsChargeIsRefunded_thenItNoLongerGivesAccessWhateverTheOrder(boolean ids) {
            assertThat(apply(lead, true, checkout(T), invoice(T, ids, Fixtures.PRO_PRICE), refund(T + 60, ids)).status())
                    .isEqualTo(REFUNDED);
            assertThat(apply(lead, true, refund(T + 60, ids), invoice(T, ids, Fixtures.PRO_PRICE), checkout(T)).status())
                    .isEqualTo(REFUNDED);
        }

        @Test
        void givenAOneOffPurchaseOfAPriceInNoPlan_thenNoAccessAndNoProblem() {
            MemberState s = apply(lead, false, checkout(T), invoice(T, true, "price_ebook"));

            assertThat(s.status()).isEqualTo(LEAD);
            assertThat(Attention.problems(s, machine.desired(s))).isEmpty();
        }

        @Test
        void givenASubscriberWhoBuysAnUnrelatedOneOffAndGetsItRefunded_thenTheSubscriptionKeepsItsAccess() {
            MemberState s = apply(active, false, checkout(T), invoice(T, true, "price_ebook"), refund(T + 60, true));

            assertThat(s.status()).isEqualTo(ACTIVE);
            assertThat(s.refunded()).isFalse();
        }

        @Test
        void givenALifetimeMemberWhoseOldSubscriptionRenewalIsRefunded_thenTheLifetimePurchaseStands() {
            MemberState s = apply(active, false, checkout(T), invoice(T, true, Fixtures.PRO_PRICE), paid("5", T + 10, true),
                    refunded("5", T + 20, true));

            assertThat(s.status()).isEqualTo(ACTIVE);
            assertThat(s.accessPlanName()).isEqualTo("pro");
        }
    }

    @Nested
    class StatesWrittenBeforeTheLedger {
        @Test
        void givenARefundedStateFromAnOlderRun_thenALaterPaymentLiftsItAndAnOlderOneDoesNot() {
            MemberState old = Fixtures.stateIn(REFUNDED); // refunded at T - 7200, no ledger in its JSON

            assertThat(apply(old, false, paid("9", T - 8000, true)).status()).isEqualTo(REFUNDED);
            assertThat(apply(old, false, paid("9", T, true)).status()).isEqualTo(ACTIVE);
        }

        @Test
        void givenARefundLiftedInAnOlderRun_thenItsRedeliveryChangesNothing() {
            MemberState old = Fixtures.stateIn(ACTIVE).toBuilder().refundedAsOfSeconds(T).payments(null).build();

            assertThat(apply(old, false, Fixtures.refund("r", T - 50, 1999, 1999)).status()).isEqualTo(ACTIVE);
        }
    }
}
