package io.memberflow.workflow;

import io.memberflow.domain.AccessOverride;
import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;
import io.memberflow.domain.SupportTaskRequest;
import io.memberflow.domain.Transition;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies what the {@link SignalInbox} holds and what time brings to the customer's record through the pure machine:
 * billing events, operator actions, drift repairs, read requests and deadlines. It holds no state of its own: the
 * record changes through {@link CustomerBook}, and what an item means for the other owners is told to them as it is
 * applied, before any activity the item starts (a billing event asks {@link BillingReads} for a read and lifts
 * {@link VendorSync}'s hold; an operator action or a repair requests a sync).
 *
 * <p>Every operator action needs an actor and a reason; each is written to the timeline and audit trail with both.
 * A drift repair (version {@value #DRIFT_REPAIR}, asked when the first one is applied) corrects the record's
 * "applied" groups and tags to what Circle and Kit were seen to hold, so the next diff against what billing wants
 * grants, revokes, tags or untags exactly the drift.
 */
final class EventApplier {
    static final String DRIFT_REPAIR = "drift-repair";
    private static final Logger LOG = Workflow.getLogger(EventApplier.class);
    private final CustomerBook book;
    private final SignalInbox inbox;
    private final BillingReads reads;
    private final VendorSync sync;

    EventApplier(CustomerBook book, SignalInbox inbox, BillingReads reads, VendorSync sync) {
        this.book = book;
        this.inbox = inbox;
        this.reads = reads;
        this.sync = sync;
    }

    /**
     * Applies everything queued, in arrival order (events, then operator actions, then drift repairs, then read
     * requests). With {@code billingFromStripe}, a billing event asks for a read of Stripe instead of deciding billing
     * itself.
     */
    void drain(EntitlementMachine machine, boolean billingFromStripe) {
        while (inbox.hasQueued()) {
            SignalInbox.Item next = inbox.next();
            if (next instanceof SignalInbox.Event e) {
                apply(machine, e.event(), billingFromStripe);
            } else if (next instanceof SignalInbox.OperatorRequest request) {
                operator(request);
            } else if (next instanceof SignalInbox.Repair r) {
                repair(r.repair(), billingFromStripe);
            } else if (next instanceof SignalInbox.ReadRequest r) {
                readRequested(r.reason(), billingFromStripe);
            }
        }
    }

    /** Fires the grace-period or paid-until deadline when it has passed. */
    void applyTime(EntitlementMachine machine) {
        long now = Workflow.currentTimeMillis();
        Transition t = machine.onTime(book.record().member(), now);
        if (t.changed()) {
            sync.release();
            book.change(r -> r.withMember(t.next()).noting(now, "timer", t.note() + " -> " + t.next().status()));
            LOG.info("Deadline reached: {} -> {}", t.note(), t.next().status());
        }
    }

    private void apply(EntitlementMachine machine, BillingEvent event, boolean billingFromStripe) {
        if (book.record().hasApplied(event.eventId())) {
            LOG.info("Event {} already applied; ignored", event.eventId());
            return;
        }
        long now = Workflow.currentTimeMillis();
        Transition t = machine.apply(book.record().member(), event, now, billingFromStripe);
        sync.release();
        if (billingFromStripe && EntitlementMachine.triggersBillingRead(event.type())) {
            reads.eventArrived(event.eventId());
        }
        book.change(r -> r.recording(event.eventId(), event.type(), event.created(), t.next())
                .noting(now, "event", "stripe", event.eventId(), event.type() + " -> " + t.next().status()
                        + (t.note() == null || t.note().isBlank() ? "" : " (" + t.note() + ")")));
        LOG.info("Applied {} ({}): {} {}", event.eventId(), event.type(), t.next().status(), t.note());
        for (SupportTaskRequest task : t.supportTasks()) {
            book.openTask(task.kind(), task.causeEventId(), task.causeEventId(), task.summary(), Map.of(
                    "eventType", event.type(),
                    "state", t.next().status().name(),
                    "plan", String.valueOf(t.next().planName()),
                    "chargeId", String.valueOf(event.chargeId()),
                    "disputeReason", String.valueOf(event.disputeReason())));
        }
    }

    /** Overrides and blocks change the member state, so the next vendor sync carries them out at Circle and Kit. */
    private void operator(SignalInbox.OperatorRequest queued) {
        OperatorAction a = queued.action();
        long now = Workflow.currentTimeMillis();
        if (a == null || !a.valid()) {
            book.note(now, "operator", "unknown", null,
                    "rejected " + queued.signal().signalName() + ": actor and reason are required");
            return;
        }
        MemberState member = book.record().member();
        switch (queued.signal()) {
            case RETRY_SYNC -> {
                book.change(r -> r.withFailure(null));
                reads.retryNow();
            }
            case GRANT_ACCESS -> book.change(r -> r.withMember(member.withOverride(AccessOverride.GRANT)));
            case REVOKE_ACCESS -> book.change(r -> r.withMember(member.withOverride(AccessOverride.REVOKE)));
            case CLEAR_OVERRIDE -> book.change(r -> r.withMember(member.withOverride(AccessOverride.NONE)));
            case BLOCK -> book.change(r -> r.withMember(member.withOperatorBlocked(true)));
            case UNBLOCK -> book.change(r -> r.withMember(member.withOperatorBlocked(false)));
            case RESOLVE_SUPPORT_TASK -> {
                if (a.taskId() == null) {
                    book.note(now, "operator", a.actor(), null,
                            "rejected resolveSupportTask: taskId is required");
                    return;
                }
                book.resolveTask(a.taskId(), a.actor(), a.reason());
            }
        }
        sync.requestSync();
        book.note(now, "operator", a.actor(), null, queued.signal().signalName()
                + (a.taskId() == null ? "" : " " + a.taskId()) + ": " + a.reason());
    }

    /** Corrects what is applied to what the vendors were seen to hold; the next diff repairs exactly the drift. */
    private void repair(DriftRepair repair, boolean billingReads) {
        if (Workflow.getVersion(DRIFT_REPAIR, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return;
        }
        MemberState member = book.record().member();
        Entitlements applied = member.applied();
        Set<Long> groups = new HashSet<>(applied.accessGroupIds());
        groups.removeAll(repair.circleMissing());
        groups.addAll(repair.circleExtra());
        Set<Long> tags = new HashSet<>(applied.tagIds());
        tags.removeAll(repair.kitTagMissing());
        tags.addAll(repair.kitTagExtra());
        book.change(r -> r.withMember(member.withApplied(new Entitlements(groups, tags)))
                .noting(Workflow.currentTimeMillis(), "drift", repair.runId().startsWith(AddressGuard.REPAIR_PREFIX)
                        ? "memberflow" : "reconciliation", null, describe(repair)));
        if (billingReads && repair.rereadBilling()) {
            reads.requested();
        }
        sync.requestSync();
    }

    /**
     * A {@code requestBillingRead} signal: with Stripe reads the next read is due at once (as after a billing event, and
     * sooner than a failed read's retry), and the timeline says who asked. No event id is applied.
     */
    private void readRequested(BillingReadReason request, boolean billingFromStripe) {
        long now = Workflow.currentTimeMillis();
        if (billingFromStripe) {
            reads.requested();
        }
        book.note(now, "read", request.who(), null, billingFromStripe
                ? "Stripe read requested: " + request.why()
                : "Stripe read requested (" + request.why() + "), but billing comes from event payloads here: nothing read");
        LOG.info("Stripe read requested by {}", request.who());
    }

    static String describe(DriftRepair r) {
        if (r.runId().startsWith(AddressGuard.REPAIR_PREFIX)) {
            return "customer " + r.runId().substring(AddressGuard.REPAIR_PREFIX.length()) + " of the same e-mail address"
                    + " removed" + (r.circleMissing().isEmpty() ? "" : " Circle groups " + new TreeSet<>(r.circleMissing()))
                    + (r.kitTagMissing().isEmpty() ? "" : " Kit tags " + new TreeSet<>(r.kitTagMissing()))
                    + " that this customer requires — adding them again";
        }
        StringBuilder text = new StringBuilder("drift found by reconciliation ").append(r.runId()).append(':');
        part(text, "Circle lacks groups", r.circleMissing());
        part(text, "Circle holds unapplied groups", r.circleExtra());
        part(text, "Kit lacks tags", r.kitTagMissing());
        part(text, "Kit holds unapplied tags", r.kitTagExtra());
        if (r.rereadBilling()) {
            text.append(" billing disagrees, re-reading Stripe;");
        }
        text.setLength(text.length() - 1);
        return text.append(" — repairing").toString();
    }

    private static void part(StringBuilder text, String label, Set<Long> ids) {
        if (!ids.isEmpty()) {
            text.append(' ').append(label).append(' ').append(new TreeSet<>(ids)).append(';');
        }
    }
}
