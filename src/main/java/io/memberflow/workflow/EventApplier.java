package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.SupportTaskRequest;
import io.memberflow.domain.Transition;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.Map;

/** Applies queued events, operator actions and deadlines to the customer's record through the pure machine. */
final class EventApplier {
    private static final Logger LOG = Workflow.getLogger(EventApplier.class);
    private final WorkflowContext ctx;
    private final SignalInbox inbox;
    private final OperatorActions operator;
    private final DriftRepairs repairs;

    EventApplier(WorkflowContext ctx, SignalInbox inbox) {
        this.ctx = ctx;
        this.inbox = inbox;
        this.operator = new OperatorActions(ctx);
        this.repairs = new DriftRepairs(ctx);
    }

    /**
     * Applies everything queued, in arrival order (events, then operator actions, then drift repairs, then read
     * requests). With {@code billingFromStripe}, a billing event asks for a read of Stripe instead of deciding billing
     * itself.
     */
    void drain(EntitlementMachine machine, boolean billingFromStripe) {
        while (inbox.hasQueued()) {
            Object next = inbox.next();
            if (next instanceof BillingEvent event) {
                apply(machine, event, billingFromStripe);
            } else if (next instanceof SignalInbox.OperatorRequest request) {
                operator.apply(request);
            } else if (next instanceof DriftRepair repair) {
                repairs.apply(repair, billingFromStripe);
            } else {
                readRequested((BillingReadReason) next, billingFromStripe);
            }
        }
    }

    /**
     * A {@code requestBillingRead} signal: with Stripe reads the next read is due at once (as after a billing event, and
     * sooner than a failed read's retry), and the timeline says who asked. No event id is applied.
     */
    private void readRequested(BillingReadReason request, boolean billingFromStripe) {
        long now = Workflow.currentTimeMillis();
        if (billingFromStripe) {
            ctx.readWanted = true;
            ctx.readRetryAt = null;
        }
        ctx.book.change(r -> r.noting(now, "read", request.who(), null, billingFromStripe
                ? "Stripe read requested: " + request.why()
                : "Stripe read requested (" + request.why() + "), but billing comes from event payloads here: nothing read"));
        LOG.info("Stripe read requested by {}", request.who());
    }

    private void apply(EntitlementMachine machine, BillingEvent event, boolean billingFromStripe) {
        if (ctx.book.record().hasApplied(event.eventId())) {
            LOG.info("Event {} already applied; ignored", event.eventId());
            return;
        }
        long now = Workflow.currentTimeMillis();
        Transition t = machine.apply(ctx.book.record().member(), event, now, billingFromStripe);
        ctx.syncHeld = false;
        if (billingFromStripe && EntitlementMachine.triggersBillingRead(event.type())
                && !ctx.coveredByRead.contains(event.eventId())) {
            ctx.readWanted = true;
            ctx.readRetryAt = null;
        }
        ctx.book.change(r -> r.recording(event.eventId(), event.type(), event.created(), t.next())
                .noting(now, "event", "stripe", event.eventId(), event.type() + " -> " + t.next().status()
                        + (t.note() == null || t.note().isBlank() ? "" : " (" + t.note() + ")")));
        LOG.info("Applied {} ({}): {} {}", event.eventId(), event.type(), t.next().status(), t.note());
        for (SupportTaskRequest task : t.supportTasks()) {
            ctx.book.openTask(task.kind(), task.causeEventId(), task.causeEventId(), task.summary(), Map.of(
                    "eventType", event.type(),
                    "state", t.next().status().name(),
                    "plan", String.valueOf(t.next().planName()),
                    "chargeId", String.valueOf(event.chargeId()),
                    "disputeReason", String.valueOf(event.disputeReason())));
        }
    }

    /** Fires the grace-period or paid-until deadline when it has passed. */
    void applyTime(EntitlementMachine machine) {
        long now = Workflow.currentTimeMillis();
        Transition t = machine.onTime(ctx.book.record().member(), now);
        if (t.changed()) {
            ctx.syncHeld = false;
            ctx.book.change(r -> r.withMember(t.next()).noting(now, "timer", t.note() + " -> " + t.next().status()));
            LOG.info("Deadline reached: {} -> {}", t.note(), t.next().status());
        }
    }
}
