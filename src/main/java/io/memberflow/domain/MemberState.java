package io.memberflow.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole per-customer state kept inside the workflow. Times are epoch millis except
 * {@code billingAsOfSeconds} and {@code refundedAsOfSeconds}. {@code billingStatus} is what billing says and is
 * never REFUNDED or BLOCKED; those come from the {@code refunded}, {@code disputed} and {@code operatorBlocked}
 * overlays.
 *
 * <p>{@code disputed} is derived: it is always {@code disputes.blocking()}. It is kept as a component so that
 * states written before disputes were tracked by id still read as blocked: {@code disputed=true} with no
 * blocking dispute becomes one {@link Disputes#UNIDENTIFIED} open dispute. {@code refundedAsOfSeconds} is the
 * creation time of the newest full refund seen (0 if none); only a payment created after it lifts
 * {@code refunded}. Both are missing from older JSON and then default to none and 0.
 *
 * <p>{@code contactAsOfSeconds} dates {@code email} and {@code name}: the creation time of the event that
 * carried them, or the time of the Stripe read. Contact facts are ordered on their own clock, apart from billing
 * status, so a billing event that is stale still brings a newer address and an old address never overwrites a
 * newer one. {@code planIssue} says, in words, why billing's prices give no plan (a price in no plan, or
 * prices matching several); null when the plan is clear.
 *
 * <p>{@code payments}: the payments and full refunds its events reported ({@link Payments}); with version
 * {@code charge-facts} {@code refunded} is derived from it. Missing from older JSON: seeded from {@code refunded}
 * and {@code refundedAsOfSeconds}.
 */
public record MemberState(
        String customerId, String email, String name,
        MemberStatus billingStatus,
        boolean refunded,
        boolean disputed,
        boolean operatorBlocked,
        AccessOverride override,
        String planName, String subscriptionId,
        long billingAsOfSeconds,
        List<String> endedSubscriptionIds,
        Long graceDeadline,
        Long accessUntil,
        Entitlements applied,
        Disputes disputes,
        long refundedAsOfSeconds,
        long contactAsOfSeconds,
        String planIssue,
        Payments payments) {

    /** How many ended subscription ids are remembered; the oldest are dropped first. */
    public static final int MAX_ENDED_SUBSCRIPTIONS = 20;

    public MemberState {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId must not be blank");
        }
        billingStatus = billingStatus == null ? MemberStatus.LEAD : billingStatus;
        if (!billingStatus.isBillingStatus()) {
            throw new IllegalArgumentException(billingStatus + " is an overlay, not a billing status");
        }
        override = override == null ? AccessOverride.NONE : override;
        endedSubscriptionIds = RecentIds.newest(endedSubscriptionIds, MAX_ENDED_SUBSCRIPTIONS);
        applied = applied == null ? Entitlements.none() : applied;
        disputes = disputes == null ? Disputes.none() : disputes;
        if (disputed && !disputes.blocking()) {
            disputes = disputes.opened(Disputes.UNIDENTIFIED);
        }
        disputed = disputes.blocking();
        payments = payments == null ? Payments.seed(refunded, refundedAsOfSeconds) : payments;
    }

    public static MemberState initial(String customerId) {
        return new MemberState(customerId, null, null, MemberStatus.LEAD, false, false, false,
                AccessOverride.NONE, null, null, 0L, List.of(), null, null, Entitlements.none(), Disputes.none(), 0L, 0L,
                null, Payments.none());
    }

    /**
     * Effective status: BLOCKED while a dispute is open or lost or the operator blocked the member; else the billing
     * status when it gives access and no refund is in force; else ACTIVE while a one-off purchase for a plan stands
     * ({@link Payments#oneOffPlan()}); else REFUNDED if refunded (or a one-off purchase for a plan was), else the
     * billing status.
     */
    public MemberStatus status() {
        if (disputed || operatorBlocked) {
            return MemberStatus.BLOCKED;
        }
        if (billingGivesAccess()) {
            return billingStatus;
        }
        if (payments.oneOffPlan() != null) {
            return MemberStatus.ACTIVE;
        }
        return refunded || payments.oneOffRefunded() ? MemberStatus.REFUNDED : billingStatus;
    }

    /** The subscription's billing status gives access and no refund is in force. */
    private boolean billingGivesAccess() {
        return !refunded && billingStatus.hasAccess();
    }

    /**
     * The plan access comes from: the subscription's ({@code planName}) while billing gives access and names one,
     * else that of a one-off purchase that stands, else {@code planName}.
     */
    public String accessPlanName() {
        if (billingGivesAccess() && planName != null) {
            return planName;
        }
        String oneOff = payments.oneOffPlan();
        return oneOff != null ? oneOff : planName;
    }

    /** Access comes from a one-off purchase, not from the subscription. */
    public boolean accessFromOneOff() {
        return !billingGivesAccess() && payments.oneOffPlan() != null;
    }

    public boolean accessGranted() {
        return switch (override) {
            case GRANT -> true;
            case REVOKE -> false;
            case NONE -> status().hasAccess();
        };
    }

    /** The earliest of the grace deadline and the paid-until time, if any. */
    public Optional<Long> nextDeadline() {
        if (graceDeadline == null) {
            return Optional.ofNullable(accessUntil);
        }
        if (accessUntil == null) {
            return Optional.of(graceDeadline);
        }
        return Optional.of(Math.min(graceDeadline, accessUntil));
    }

    public boolean subscriptionEnded(String id) {
        return id != null && endedSubscriptionIds.contains(id);
    }

    public MemberState withApplied(Entitlements newApplied) {
        return toBuilder().applied(newApplied).build();
    }

    public MemberState withOverride(AccessOverride newOverride) {
        return toBuilder().override(newOverride).build();
    }

    public MemberState withOperatorBlocked(boolean blocked) {
        return toBuilder().operatorBlocked(blocked).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used by the machine and by tests. */
    public static final class Builder {
        private final String customerId;
        private String email;
        private String name;
        private MemberStatus billingStatus;
        private boolean refunded;
        private boolean operatorBlocked;
        private AccessOverride override;
        private String planName;
        private String subscriptionId;
        private long billingAsOfSeconds;
        private List<String> endedSubscriptionIds;
        private Long graceDeadline;
        private Long accessUntil;
        private Entitlements applied;
        private Disputes disputes;
        private long refundedAsOfSeconds;
        private long contactAsOfSeconds;
        private String planIssue;
        private Payments payments;

        private Builder(MemberState s) {
            customerId = s.customerId;
            email = s.email;
            name = s.name;
            billingStatus = s.billingStatus;
            refunded = s.refunded;
            operatorBlocked = s.operatorBlocked;
            override = s.override;
            planName = s.planName;
            subscriptionId = s.subscriptionId;
            billingAsOfSeconds = s.billingAsOfSeconds;
            endedSubscriptionIds = s.endedSubscriptionIds;
            graceDeadline = s.graceDeadline;
            accessUntil = s.accessUntil;
            applied = s.applied;
            disputes = s.disputes;
            refundedAsOfSeconds = s.refundedAsOfSeconds;
            contactAsOfSeconds = s.contactAsOfSeconds;
            planIssue = s.planIssue;
            payments = s.payments;
        }

        public Builder email(String v) { email = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder billingStatus(MemberStatus v) { billingStatus = v; return this; }
        public Builder refunded(boolean v) { refunded = v; return this; }
        public Builder disputes(Disputes v) { disputes = v == null ? Disputes.none() : v; return this; }
        public Builder refundedAsOfSeconds(long v) { refundedAsOfSeconds = v; return this; }
        public Builder planIssue(String v) { planIssue = v; return this; }
        public Builder payments(Payments v) { payments = v; return this; }
        public Builder contactAsOfSeconds(long v) { contactAsOfSeconds = v; return this; }

        /**
         * Takes an e-mail address and name dated {@code asOfSeconds} unless newer contact facts are already
         * known; a null value never erases a known one. Returns whether anything was taken.
         */
        public boolean contact(String newEmail, String newName, long asOfSeconds) {
            if ((newEmail == null && newName == null) || asOfSeconds < contactAsOfSeconds) {
                return false;
            }
            if (newEmail != null) {
                email = newEmail;
            }
            if (newName != null) {
                name = newName;
            }
            contactAsOfSeconds = asOfSeconds;
            return true;
        }

        public Builder operatorBlocked(boolean v) { operatorBlocked = v; return this; }
        public Builder override(AccessOverride v) { override = v; return this; }
        public Builder planName(String v) { planName = v; return this; }
        public Builder subscriptionId(String v) { subscriptionId = v; return this; }
        public Builder billingAsOfSeconds(long v) { billingAsOfSeconds = v; return this; }
        public Builder endedSubscriptionIds(List<String> v) { endedSubscriptionIds = v; return this; }
        public Builder graceDeadline(Long v) { graceDeadline = v; return this; }
        public Builder accessUntil(Long v) { accessUntil = v; return this; }
        public Builder applied(Entitlements v) { applied = v; return this; }

        /** Appends a subscription id to the ended list (no duplicate; the oldest beyond the cap are dropped). */
        public Builder endSubscription(String id) {
            if (id != null && !endedSubscriptionIds.contains(id)) {
                List<String> ids = new ArrayList<>(endedSubscriptionIds);
                ids.add(id);
                endedSubscriptionIds = ids;
            }
            return this;
        }

        List<String> endedSubscriptionIds() { return endedSubscriptionIds; }
        MemberStatus billingStatus() { return billingStatus; }
        String subscriptionId() { return subscriptionId; }
        Long graceDeadline() { return graceDeadline; }
        Long accessUntil() { return accessUntil; }
        boolean refunded() { return refunded; }
        long refundedAsOfSeconds() { return refundedAsOfSeconds; }
        Disputes disputes() { return disputes; }
        String planName() { return planName; }
        Payments payments() { return payments; }

        public MemberState build() {
            return new MemberState(customerId, email, name, billingStatus, refunded, disputes.blocking(),
                    operatorBlocked, override, planName, subscriptionId, billingAsOfSeconds, endedSubscriptionIds,
                    graceDeadline, accessUntil, applied, disputes, refundedAsOfSeconds, contactAsOfSeconds, planIssue,
                    payments);
        }
    }
}
