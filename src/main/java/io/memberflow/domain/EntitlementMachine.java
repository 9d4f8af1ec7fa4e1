package io.memberflow.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure entitlement state machine. Inputs are Stripe events (in any order, possibly duplicated) and
 * timer checks; time is always passed in, so the machine is deterministic and safe to run inside a workflow.
 *
 * <p>Beyond the per-event rules in {@link BillingRules} it enforces:
 * <ul>
 *   <li>ordering: a billing-status event older than the newest applied one is stale and changes nothing;</li>
 *   <li>ended subscriptions: events for a subscription known to be over never change billing status;</li>
 *   <li>competing subscriptions: an event for a subscription other than the current one does not take access
 *       away that the current one gives, unless it brings the member to ACTIVE or TRIALING itself;</li>
 *   <li>overlays: refunds and disputes are not billing decisions and order themselves: disputes by id
 *       ({@link OverlayRules}); refunds, with {@link #withChargeFacts}, from a ledger of payments and refunds matched by
 *       charge ({@link Payments}, also one-off purchases), else only a payment newer than the newest full refund lifts
 *       it;</li>
 *   <li>deadlines: a passed grace deadline or paid-until time takes effect in every transition, before and
 *       after the event, not only in {@link #onTime}; so a transition at {@code nowMillis} never leaves a
 *       deadline at or before {@code nowMillis}, and a late event cannot revive a period that is already over.</li>
 * </ul>
 */
public final class EntitlementMachine {
    private final PlanCatalog catalog;
    private final long graceMillis;
    private final BillingRules rules;
    private final SnapshotRules snapshotRules;
    private final PaymentRules payments;
    private final boolean chargeFacts;

    /** The rules of workflow runs before version {@code charge-facts}; see {@link #withChargeFacts}. */
    public EntitlementMachine(PlanCatalog catalog, Duration gracePeriod) {
        this(catalog, gracePeriod, false);
    }

    private EntitlementMachine(PlanCatalog catalog, Duration gracePeriod, boolean chargeFacts) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative: " + gracePeriod);
        }
        this.graceMillis = gracePeriod.toMillis();
        this.chargeFacts = chargeFacts;
        this.rules = new BillingRules(catalog, graceMillis, chargeFacts);
        this.snapshotRules = new SnapshotRules(rules);
        this.payments = new PaymentRules(catalog);
    }

    /**
     * This machine with (true) or without the rules of version {@code charge-facts}: refunds matched to the payment
     * they concern, $0 new purchases, one-off purchases ({@link Payments}). Without them, refunds are ordered by
     * creation second alone, as runs recorded before that version decided.
     */
    public EntitlementMachine withChargeFacts(boolean on) {
        return on == chargeFacts ? this : new EntitlementMachine(catalog, Duration.ofMillis(graceMillis), on);
    }

    /** Applies one Stripe event with billing decided by the payload (no Stripe API key). See {@link #apply(MemberState, BillingEvent, long, boolean)}. */
    public Transition apply(MemberState state, BillingEvent event, long nowMillis) {
        return apply(state, event, nowMillis, false);
    }

    /**
     * Applies one Stripe event at workflow time {@code nowMillis}. Pure. Deadlines that have passed by
     * {@code nowMillis} take effect first, as if the timer had fired just before the event. Contact facts are
     * taken on their own clock first, whatever the event does to billing.
     *
     * @param billingFromStripe billing status and plan come from {@link #applySnapshot} reads of Stripe: a billing
     *                          event then only triggers a read, lifts a refund when it is a newer payment, and
     *                          brings contact facts; refunds and disputes act as always
     */
    public Transition apply(MemberState state, BillingEvent event, long nowMillis, boolean billingFromStripe) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        List<String> timeNotes = new ArrayList<>();
        MemberState.Builder timed = state.toBuilder();
        expire(timed, nowMillis, timeNotes);
        MemberState current = timed.build();

        MemberState.Builder draft = current.toBuilder();
        if (chargeFacts) {
            draft.payments(Payments.orSeed(current.payments(), current.refunded(), current.refundedAsOfSeconds()));
        }
        BillingRules.Step step;
        boolean billingEvent = BillingRules.isBillingStatusEvent(event.type());
        String subscriptionId = event.subscriptionId();
        boolean ours = current.customerId().equals(event.customerId());
        // a payment or a refund is a fact of its own event: kept whatever the event's age or the billing source
        String paid = chargeFacts && ours ? payments.record(draft, event) : "";
        if (!ours) {
            step = BillingRules.Step.other("ignored: event " + event.eventId() + " is for customer "
                    + event.customerId());
        } else if (billingEvent && billingFromStripe) {
            draft.contact(event.email(), event.name(), event.created());
            step = BillingRules.Step.other(event.type() + ": billing status is read from Stripe"
                    + (chargeFacts ? "" : BillingRules.isPayment(event) ? OverlayRules.liftRefund(draft, event) : ""));
        } else if (billingEvent && event.created() < current.billingAsOfSeconds()) {
            boolean contact = draft.contact(event.email(), event.name(), event.created());
            step = BillingRules.Step.other("stale: " + event.type() + " " + event.eventId() + " created "
                    + event.created() + " is older than the billing state (" + current.billingAsOfSeconds() + ")"
                    + (contact ? "; its contact details are newer and were kept" : ""));
        } else if (billingEvent && current.subscriptionEnded(subscriptionId)) {
            draft.contact(event.email(), event.name(), event.created());
            step = BillingRules.Step.other("ignored: subscription " + subscriptionId + " has ended");
        } else {
            draft.contact(event.email(), event.name(), event.created());
            MemberState contacted = draft.build();
            step = rules.apply(draft, event, nowMillis);
            if (step.billingDecision() && wouldTakeAccessFromCurrent(current, subscriptionId, draft.billingStatus())) {
                List<String> ended = draft.endedSubscriptionIds();
                draft = contacted.toBuilder().endedSubscriptionIds(ended);
                step = BillingRules.Step.other("ignored: subscription " + subscriptionId
                        + " is not the current one (" + current.subscriptionId() + ") and would take access away");
            } else if (step.billingDecision()) {
                draft.billingAsOfSeconds(Math.max(current.billingAsOfSeconds(), event.created()));
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(step.note() + paid);
        notes.addAll(timeNotes);
        expire(draft, nowMillis, notes);
        if (!chargeFacts) { // keep the ledger a state would start from, should a later run take up charge-facts
            draft.payments(Payments.seed(draft.refunded(), draft.refundedAsOfSeconds()));
        }
        return transition(state, draft.build(), step.tasks(), notes);
    }

    /** Events after which Stripe's current state must be read (with Stripe reads on): every billing-status event. */
    public static boolean triggersBillingRead(String type) {
        return BillingRules.isBillingStatusEvent(type);
    }

    /**
     * Applies what Stripe holds now ({@link BillingSnapshot}): contact details, and billing status and plan from
     * the subscription that gives the most access (ties: the newest). Refunds, disputes and operator overlays are
     * kept. A snapshot without any subscription (a one-off purchase) leaves billing status to the events.
     */
    public Transition applySnapshot(MemberState state, BillingSnapshot snapshot, long nowMillis) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(snapshot, "snapshot");
        List<String> notes = new ArrayList<>();
        MemberState.Builder draft = state.toBuilder();
        expire(draft, nowMillis, notes);
        notes.add(0, snapshotRules.apply(draft, snapshot, nowMillis));
        expire(draft, nowMillis, notes);
        return transition(state, draft.build(), List.of(), notes);
    }

    /**
     * Timer check: grace expired (PAST_DUE and now at or past the grace deadline: SUSPENDED) or paid period
     * over (accessUntil at or before now: CANCELED). No-op otherwise.
     */
    public Transition onTime(MemberState state, long nowMillis) {
        Objects.requireNonNull(state, "state");
        MemberState.Builder draft = state.toBuilder();
        List<String> notes = new ArrayList<>();
        expire(draft, nowMillis, notes);
        if (notes.isEmpty()) {
            return unchanged(state, "nothing due");
        }
        return transition(state, draft.build(), List.of(), notes);
    }

    /**
     * Desired vendor state: the access groups and tags of the plan access comes from
     * ({@link MemberState#accessPlanName()}) while access is granted, plus the lifecycle tag of
     * {@link MemberState#status()} when one is configured. Without a known plan there are no groups.
     */
    public Entitlements desired(MemberState state) {
        Objects.requireNonNull(state, "state");
        Optional<Plan> plan = state.accessGranted() ? catalog.plan(state.accessPlanName()) : Optional.empty();
        TreeSet<Long> tags = new TreeSet<>(plan.map(Plan::tagIds).orElse(Set.of()));
        catalog.lifecycleTag(state.status()).ifPresent(tags::add);
        return new Entitlements(plan.map(Plan::accessGroupIds).orElse(Set.of()), tags);
    }

    private static boolean wouldTakeAccessFromCurrent(MemberState state, String subscriptionId, MemberStatus candidate) {
        boolean otherSubscription = subscriptionId != null && state.subscriptionId() != null
                && !subscriptionId.equals(state.subscriptionId());
        boolean healthy = candidate == MemberStatus.ACTIVE || candidate == MemberStatus.TRIALING;
        return otherSubscription && state.billingStatus().hasAccess() && !healthy;
    }

    private void expire(MemberState.Builder d, long nowMillis, List<String> notes) {
        if (d.billingStatus() == MemberStatus.PAST_DUE && d.graceDeadline() == null) {
            d.graceDeadline(nowMillis + graceMillis);
            notes.add("grace period started");
        }
        if (d.accessUntil() != null && d.accessUntil() <= nowMillis && d.billingStatus().hasAccess()) {
            d.billingStatus(MemberStatus.CANCELED);
            notes.add("paid period ended");
        }
        if (d.billingStatus() == MemberStatus.PAST_DUE && d.graceDeadline() <= nowMillis) {
            d.billingStatus(MemberStatus.SUSPENDED);
            notes.add("grace period expired");
        }
        if (!d.billingStatus().hasAccess()) {
            d.accessUntil(null);
        }
        if (d.billingStatus() != MemberStatus.PAST_DUE) {
            d.graceDeadline(null);
        }
    }

    private static Transition transition(MemberState prev, MemberState next, List<SupportTaskRequest> tasks,
                                         List<String> notes) {
        return new Transition(next, tasks, String.join("; ", notes), changed(prev, next));
    }

    private static Transition unchanged(MemberState state, String note) {
        return new Transition(state, List.of(), note, false);
    }

    private static boolean changed(MemberState a, MemberState b) {
        return a.status() != b.status()
                || a.billingStatus() != b.billingStatus()
                || a.refunded() != b.refunded()
                || a.disputed() != b.disputed()
                || a.operatorBlocked() != b.operatorBlocked()
                || a.override() != b.override()
                || !Objects.equals(a.planName(), b.planName())
                || !Objects.equals(a.accessPlanName(), b.accessPlanName())
                || !Objects.equals(a.planIssue(), b.planIssue())
                || !Objects.equals(a.subscriptionId(), b.subscriptionId())
                || !Objects.equals(a.graceDeadline(), b.graceDeadline())
                || !Objects.equals(a.accessUntil(), b.accessUntil())
                || !Objects.equals(a.email(), b.email())
                || !Objects.equals(a.name(), b.name());
    }
}
