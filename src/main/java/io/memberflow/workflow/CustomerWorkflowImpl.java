package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.SupportTaskRequest;
import io.memberflow.domain.Transition;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * See {@link CustomerWorkflow}. Signal handlers only queue; the main loop applies events in arrival order
 * through the pure {@link EntitlementMachine}, then operator actions, fires the grace-period / period-end
 * deadline as a durable timer, reconciles Circle and Kit ({@link Reconciliation}) and publishes the result
 * ({@link Publication}).
 *
 * <p>Versions: {@value #OPERATOR_SURFACE} = 1 added search attributes and the admin projection; runs started
 * before it replay without them (see CustomerWorkflowReplayTest).
 */
public class CustomerWorkflowImpl implements CustomerWorkflow {
    static final String OPERATOR_SURFACE = "operator-surface";
    private static final Logger LOG = Workflow.getLogger(CustomerWorkflowImpl.class);

    private final Supplier<EngineSettings> settingsSource;
    private final ActivityPolicies policies;
    private final Deque<BillingEvent> queue = new ArrayDeque<>();
    private final Deque<OperatorActions.Queued> actions = new ArrayDeque<>();
    private WorkflowContext ctx;
    private Reconciliation reconciliation;
    private Publication publication;

    public CustomerWorkflowImpl(Supplier<EngineSettings> settingsSource, ActivityPolicies policies) {
        this.settingsSource = settingsSource;
        this.policies = policies;
    }

    @Override
    public void run(CustomerWorkflowInput input) {
        ctx = new WorkflowContext(input.carried() != null ? input.carried() : CustomerRecord.initial(input.customerId()));
        reconciliation = new Reconciliation(ctx, policies);
        boolean publishing = Workflow.getVersion(OPERATOR_SURFACE, Workflow.DEFAULT_VERSION, 1) >= 1;
        publication = publishing ? new Publication(ctx, policies) : null;
        OperatorActions operator = new OperatorActions(ctx, reconciliation);
        while (true) {
            EngineSettings settings = settings();
            EntitlementMachine machine = settings.machine();
            reconciliation.reconcile(machine);
            if (publication != null) {
                publication.publish();
            }
            awaitWork(machine, settings);
            ctx.syncRequested = false;
            while (!queue.isEmpty() || !actions.isEmpty()) {
                if (!queue.isEmpty()) {
                    apply(machine, queue.poll());
                } else {
                    operator.apply(actions.poll());
                }
            }
            applyTime(machine);
            if (historyIsLong(settings)) {
                reconciliation.reconcile(machine);
                Workflow.await(() -> !ctx.marketingRunning && Workflow.isEveryHandlerFinished());
                if (publication != null) {
                    publication.publish();
                }
                if (queue.isEmpty() && actions.isEmpty()) {
                    LOG.info("Continuing {} as new after {} history events", Workflow.getInfo().getWorkflowId(),
                            Workflow.getInfo().getHistoryLength());
                    Workflow.continueAsNew(new CustomerWorkflowInput(ctx.record.customerId(), ctx.record));
                }
            }
        }
    }

    /** Blocks until an event or operator action arrives, the member's next deadline passes, or there is news to publish. */
    private void awaitWork(EntitlementMachine machine, EngineSettings settings) {
        Optional<Long> deadline = ctx.record.member().nextDeadline();
        if (deadline.isPresent() && deadline.get() <= Workflow.currentTimeMillis()) {
            applyTime(machine);
            deadline = ctx.record.member().nextDeadline().filter(d -> d > Workflow.currentTimeMillis());
        }
        if (deadline.isPresent()) {
            Duration wait = Duration.ofMillis(deadline.get() - Workflow.currentTimeMillis());
            Workflow.await(wait, () -> hasWork(settings));
        } else {
            Workflow.await(() -> hasWork(settings));
        }
    }

    private boolean hasWork(EngineSettings settings) {
        return !queue.isEmpty() || !actions.isEmpty() || ctx.syncRequested || historyIsLong(settings)
                || (publication != null && !ctx.marketingRunning && publication.behind());
    }

    private void apply(EntitlementMachine machine, BillingEvent event) {
        if (ctx.record.hasApplied(event.eventId())) {
            LOG.info("Event {} already applied; ignored", event.eventId());
            return;
        }
        long now = Workflow.currentTimeMillis();
        Transition t = machine.apply(ctx.record.member(), event, now);
        ctx.syncHeld = false;
        ctx.record = ctx.record.recording(event.eventId(), event.type(), event.created(), t.next())
                .noting(now, "event", "stripe", event.eventId(), event.type() + " -> " + t.next().status()
                        + (t.note() == null || t.note().isBlank() ? "" : " (" + t.note() + ")"));
        LOG.info("Applied {} ({}): {} {}", event.eventId(), event.type(), t.next().status(), t.note());
        for (SupportTaskRequest task : t.supportTasks()) {
            reconciliation.openTask(task.kind(), task.causeEventId(), task.summary(), Map.of(
                    "eventType", event.type(),
                    "state", t.next().status().name(),
                    "plan", String.valueOf(t.next().planName()),
                    "chargeId", String.valueOf(event.chargeId()),
                    "disputeReason", String.valueOf(event.disputeReason())));
        }
    }

    private void applyTime(EntitlementMachine machine) {
        long now = Workflow.currentTimeMillis();
        Transition t = machine.onTime(ctx.record.member(), now);
        if (t.changed()) {
            ctx.syncHeld = false;
            ctx.record = ctx.record.withMember(t.next()).noting(now, "timer", t.note() + " -> " + t.next().status());
            LOG.info("Deadline reached: {} -> {}", t.note(), t.next().status());
        }
    }

    private EngineSettings settings() {
        return Workflow.mutableSideEffect("engine-settings", EngineSettings.class, EngineSettings::equals,
                settingsSource::get);
    }

    private boolean historyIsLong(EngineSettings settings) {
        return Workflow.getInfo().isContinueAsNewSuggested()
                || Workflow.getInfo().getHistoryLength() > settings.continueAsNewAfter();
    }

    @Override
    public void onEvent(BillingEvent event) {
        queue.add(event);
    }

    @Override
    public void retrySync(OperatorAction action) {
        actions.add(new OperatorActions.Queued("retrySync", action));
    }

    @Override
    public void grantAccess(OperatorAction action) {
        actions.add(new OperatorActions.Queued("grantAccess", action));
    }

    @Override
    public void revokeAccess(OperatorAction action) {
        actions.add(new OperatorActions.Queued("revokeAccess", action));
    }

    @Override
    public void clearOverride(OperatorAction action) {
        actions.add(new OperatorActions.Queued("clearOverride", action));
    }

    @Override
    public void block(OperatorAction action) {
        actions.add(new OperatorActions.Queued("block", action));
    }

    @Override
    public void unblock(OperatorAction action) {
        actions.add(new OperatorActions.Queued("unblock", action));
    }

    @Override
    public void resolveSupportTask(OperatorAction action) {
        actions.add(new OperatorActions.Queued("resolveSupportTask", action));
    }

    @Override
    public CustomerRecord state() {
        return ctx == null ? null : ctx.record;
    }

    @Override
    public PendingWork pending() {
        if (ctx == null) {
            return null;
        }
        CustomerRecord r = ctx.record;
        return new PendingWork(reconciliation.describePending(), r.lastFailure(), r.member().email() == null,
                r.openTaskIds(), r.member().nextDeadline().orElse(null));
    }
}
