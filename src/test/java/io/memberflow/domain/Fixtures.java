package io.memberflow.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared test data: one customer, a two-plan catalog and a starting state for every status. */
final class Fixtures {
    static final String CUSTOMER = "cus_1";
    /** Creation time of the events in the fixtures, epoch seconds. */
    static final long T = 1_700_000_000L;
    /** Workflow time at which those events are applied: a few seconds after they were created. */
    static final long NOW = T * 1000 + 5_000;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final Duration GRACE = Duration.ofDays(3);

    static final String BASIC_PRICE = "price_basic_monthly";
    static final String BASIC_YEARLY_PRICE = "price_basic_yearly";
    static final String PRO_PRICE = "price_pro_monthly";
    static final long BASIC_GROUP = 101;
    static final long PRO_GROUP = 102;
    static final long PRO_EXTRA_GROUP = 103;
    static final long BASIC_TAG = 201;
    static final long PRO_TAG = 202;

    private Fixtures() {
    }

    static Plan basicPlan() {
        return new Plan("basic", Set.of(BASIC_PRICE, BASIC_YEARLY_PRICE), Set.of(BASIC_GROUP), Set.of(BASIC_TAG));
    }

    static Plan proPlan() {
        return new Plan("pro", Set.of(PRO_PRICE), Set.of(PRO_GROUP, PRO_EXTRA_GROUP), Set.of(PRO_TAG));
    }

    /** Lifecycle tag of a status: 300 + its ordinal, e.g. 302 for ACTIVE. */
    static long lifecycleTag(MemberStatus status) {
        return 300L + status.ordinal();
    }

    static PlanCatalog catalog() {
        Map<MemberStatus, Long> tags = new EnumMap<>(MemberStatus.class);
        for (MemberStatus status : MemberStatus.values()) {
            tags.put(status, lifecycleTag(status));
        }
        return new PlanCatalog(List.of(basicPlan(), proPlan()), tags);
    }

    static EntitlementMachine machine() {
        return new EntitlementMachine(catalog(), GRACE);
    }

    static BillingEvent.Builder event(String id, String type, long created) {
        return BillingEvent.builder(id, type, created, CUSTOMER);
    }

    static BillingEvent subscription(String id, String type, long created, String subscriptionId, String status,
                                     String... priceIds) {
        return event(id, type, created).subscriptionId(subscriptionId).subscriptionStatus(status)
                .priceIds(priceIds).cancelAtPeriodEnd(false).currentPeriodEnd(created + 30 * 86_400L).build();
    }

    static BillingEvent invoice(String id, String type, long created, String subscriptionId, long amountPaid) {
        return event(id, type, created).subscriptionId(subscriptionId).invoiceId("in_" + id)
                .priceIds(BASIC_PRICE).amountPaid(amountPaid).build();
    }

    static BillingEvent refund(String id, long created, long amount, long refunded) {
        return event(id, "charge.refunded", created).chargeId("ch_" + id).amount(amount).amountRefunded(refunded)
                .build();
    }

    static BillingEvent disputeCreated(String id, long created) {
        return disputeCreated(id, created, "dp_7");
    }

    static BillingEvent disputeCreated(String id, long created, String disputeId) {
        return event(id, "charge.dispute.created", created).chargeId("ch_42").disputeId(disputeId).amount(1999L)
                .disputeReason("fraudulent").disputeStatus("needs_response").build();
    }

    static BillingEvent disputeClosed(String id, long created, String status) {
        return disputeClosed(id, created, status, "dp_7");
    }

    static BillingEvent disputeClosed(String id, long created, String status, String disputeId) {
        return event(id, "charge.dispute.closed", created).chargeId("ch_42").disputeId(disputeId).amount(1999L)
                .disputeStatus(status).build();
    }

    static BillingEvent checkoutPaid(String id, long created) {
        return event(id, "checkout.session.completed", created).subscriptionId("sub_1").checkoutMode("subscription")
                .paymentStatus("paid").priceIds(BASIC_PRICE).build();
    }

    /**
     * A realistic state for each status, with billing as of an hour before {@link #T}. Subscription-backed states
     * are on {@code sub_1} with the basic plan. CANCELED is a former member whose {@code sub_0} has ended, so
     * events for {@code sub_1} describe a new subscription. REFUNDED and BLOCKED are active members with the
     * refund overlay (refunded two hours before {@link #T}) or an open dispute {@code dp_7}.
     */
    static MemberState stateIn(MemberStatus status) {
        MemberState.Builder lead = MemberState.initial(CUSTOMER).toBuilder()
                .email("member@example.com").name("Member One").billingAsOfSeconds(T - 3600);
        MemberState.Builder member = MemberState.initial(CUSTOMER).toBuilder()
                .email("member@example.com").name("Member One").billingAsOfSeconds(T - 3600)
                .subscriptionId("sub_1").planName("basic");
        return switch (status) {
            case LEAD -> lead.build();
            case TRIALING, ACTIVE, SUSPENDED, PAUSED -> member.billingStatus(status).build();
            case PAST_DUE -> member.billingStatus(status).graceDeadline(NOW + DAY).build();
            case CANCELED -> member.billingStatus(status).subscriptionId("sub_0")
                    .endedSubscriptionIds(List.of("sub_0")).build();
            case REFUNDED -> member.billingStatus(MemberStatus.ACTIVE).refunded(true).refundedAsOfSeconds(T - 7200)
                    .build();
            case BLOCKED -> member.billingStatus(MemberStatus.ACTIVE).disputes(Disputes.none().opened("dp_7")).build();
        };
    }

    /** The state a workflow would hold after applying everything desired at the vendors. */
    static MemberState settled(EntitlementMachine machine, MemberState state) {
        return state.withApplied(machine.desired(state));
    }
}
