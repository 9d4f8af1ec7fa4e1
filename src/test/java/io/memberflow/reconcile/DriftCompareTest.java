package io.memberflow.reconcile;

import io.memberflow.persistence.CustomerView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure comparison of one customer's record with what Circle, Kit and Stripe listed. */
class DriftCompareTest {
    static final String EMAIL = "Ada@Example.com";
    final DriftCompare compare = new DriftCompare(Set.of(101L, 102L), Set.of(9001L, 9002L, 9100L));

    static CustomerView view(String state, Set<Long> groups, Set<Long> tags, String override) {
        return new CustomerView("cus_1", EMAIL, state, "pro", !groups.isEmpty(), groups, tags, override, "evt_1",
                "invoice.paid", Instant.EPOCH, false, null, Instant.EPOCH, null);
    }

    static Roster roster(boolean stripe) {
        return new Roster(true, true, stripe);
    }

    private CustomerDrift check(CustomerView view, Roster roster) {
        return compare.compare(view, roster, email -> false);
    }

    /** Circle listed member {@code member} in {@code group}; the member is cus_1's. */
    static void listed(Roster r, long group, long member) {
        r.circleListed(group, member);
        r.link("cus_1", member);
    }

    @Test
    void givenEverythingInPlace_thenOkWhateverTheCaseOfTheAddress() {
        Roster r = roster(true);
        listed(r, 101, 7);
        r.kitSubscriber(9001, "ADA@example.com", "active");
        r.stripeSubscription("cus_1", "active");

        assertThat(check(view("ACTIVE", Set.of(101L), Set.of(9001L), "NONE"), r).kinds()).containsExactly(CustomerDrift.OK);
    }

    @Test
    void givenAHandAddedPaidGroupAndAnUnmanagedTag_thenOnlyThePaidGroupIsExtra() {
        Roster r = roster(false);
        listed(r, 101, 7);
        listed(r, 102, 7);
        r.kitSubscriber(9001, EMAIL, "active");
        r.kitSubscriber(4242, EMAIL, "active");

        CustomerDrift d = check(view("ACTIVE", Set.of(101L), Set.of(9001L), "NONE"), r);

        assertThat(d.kinds()).containsExactly(CustomerDrift.CIRCLE_EXTRA);
        assertThat(d.circleExtra()).containsExactly(102L);
    }

    @Test
    void givenAnUnsubscribedKitSubscriber_thenAMissingTagIsNotDriftButAnExtraOneIs() {
        Roster r = roster(false);
        listed(r, 101, 7);
        r.kitSubscriber(9100, EMAIL, "cancelled");

        CustomerDrift d = check(view("ACTIVE", Set.of(101L), Set.of(9001L), "NONE"), r);

        assertThat(d.kitTagMissing()).isEmpty();
        assertThat(d.kitTagExtra()).containsExactly(9100L);
    }

    @Test
    void givenASuppressedAddress_thenAMissingTagIsNotDrift() {
        Roster r = roster(false);
        listed(r, 101, 7);
        CustomerDrift d = compare.compare(view("ACTIVE", Set.of(101L), Set.of(9001L), "NONE"), r, email -> true);

        assertThat(d.kinds()).containsExactly(CustomerDrift.OK);
    }

    @Test
    void givenTheStripeCustomerDeleted_thenBillingEndedAsksForARepair() {
        Roster r = roster(true);
        listed(r, 101, 7);
        r.kitSubscriber(9001, EMAIL, "active");

        CustomerDrift d = check(view("ACTIVE", Set.of(101L), Set.of(9001L), "NONE"), r);

        assertThat(d.kinds()).containsExactly(CustomerDrift.STRIPE_ENDED);
        assertThat(d.repairable()).isTrue();
    }

    @Test
    void givenALostSignupWebhook_thenBillingStarted() {
        Roster r = roster(true);
        r.stripeSubscription("cus_1", "active");

        assertThat(check(view("LEAD", Set.of(), Set.of(), "NONE"), r).kinds()).containsExactly(CustomerDrift.STRIPE_STARTED);
    }

    @Test
    void givenARefundedBlockedOrOverriddenCustomer_thenStripeIsNotAskedToDecide() {
        Roster r = roster(true);
        r.stripeSubscription("cus_1", "active");

        assertThat(check(view("REFUNDED", Set.of(), Set.of(), "NONE"), r).billing()).isNull();
        assertThat(check(view("BLOCKED", Set.of(), Set.of(), "NONE"), r).billing()).isNull();
        assertThat(check(view("CANCELED", Set.of(), Set.of(), "REVOKE"), r).billing()).isNull();
    }

    @Test
    void givenAPastDueSubscriptionAndASuspendedRecord_thenNoBillingDrift() {
        Roster r = roster(true);
        r.stripeSubscription("cus_1", "past_due");

        assertThat(check(view("SUSPENDED", Set.of(), Set.of(), "NONE"), r).billing()).isNull();
    }

    @Test
    void givenStripeNotRead_thenBillingIsNotChecked() {
        assertThat(check(view("ACTIVE", Set.of(), Set.of(), "NONE"), new Roster(false, false, false)).kinds())
                .containsExactly(CustomerDrift.OK);
    }

    @Test
    void givenNoAddressButAppliedGroups_thenNoEmail() {
        CustomerView noEmail = new CustomerView("cus_1", null, "ACTIVE", "pro", true, Set.of(101L), Set.of(), "NONE",
                "evt_1", "invoice.paid", Instant.EPOCH, false, null, Instant.EPOCH, null);

        assertThat(check(noEmail, roster(false)).kinds()).containsExactly(CustomerDrift.NO_EMAIL);
    }

    @Test
    void givenACustomerWhoseMemberIsNotListed_thenEachAppliedGroupIsMissing() {
        Roster r = roster(false);
        r.circleListed(101, 8); // somebody else
        r.link("cus_1", 7);

        CustomerDrift d = check(view("ACTIVE", Set.of(101L, 102L), Set.of(), "NONE"), r);

        assertThat(d.circleMissing()).containsExactly(101L, 102L);
        assertThat(d.circleExtra()).isEmpty();
    }

    @Test
    void givenTwoCustomersSharingOneCircleMember_thenTheGroupTheOtherWasGivenIsNotExtra() {
        Roster r = roster(false);
        listed(r, 101, 7);
        r.link("cus_2", 7);
        r.sharedApplied.put(7L, Set.of(101L)); // cus_2 pays for group 101

        CustomerDrift canceledTwin = check(view("CANCELED", Set.of(), Set.of(), "NONE"), r);

        assertThat(canceledTwin.circleExtra()).as("not revoked from under the paying twin").isEmpty();
        assertThat(canceledTwin.kinds()).containsExactly(CustomerDrift.OK);
    }
}
