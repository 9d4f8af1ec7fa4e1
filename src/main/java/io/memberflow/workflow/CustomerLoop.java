package io.memberflow.workflow;

import io.memberflow.domain.EntitlementMachine;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The main loop ({@value CustomerWorkflowImpl#BILLING_TRUTH} = 1): apply what is queued, read Stripe when a
 * billing event asks for it, fire deadlines, flag problems, bring Circle and Kit in line, publish, then wait.
 * Everything queued when a workflow task starts is applied in that task, so a burst of events costs one pass.
 */
final class CustomerLoop {
    /**
     * Version marker: 1 = fewer workflow tasks per burst. The read's debounce is waited in the read activity, not a
     * timer, and the projection is written by a local activity in the task that changed the record.
     */
    static final String LEAN_TASKS = "lean-tasks";
    /**
     * Version marker: 1 = payments and refunds matched by charge ({@code EntitlementMachine#withChargeFacts}: refunds of
     * the charge just paid, $0 new purchases, one-off purchases) and a customer Stripe answers 404 for is flagged.
     */
    static final String CHARGE_FACTS = "charge-facts";
    private static final Logger LOG = Workflow.getLogger(CustomerLoop.class);
    private final WorkflowContext ctx;
    private final SettingsReader settingsReader;
    private final VendorSync vendorSync;
    private final EventApplier applier;
    private final BillingReads reads;
    private final AttentionDesk attention;
    private final Publication publication;

    CustomerLoop(WorkflowContext ctx, Supplier<EngineSettings> settingsSource, VendorSync vendorSync, SupportTasks tasks,
                 ActivityPolicies policies) {
        this.ctx = ctx;
        this.settingsReader = new SettingsReader(settingsSource, (recorded, fresh) -> !recorded.equals(fresh));
        this.vendorSync = vendorSync;
        this.applier = new EventApplier(ctx, tasks);
        this.reads = new BillingReads(ctx, policies);
        this.attention = new AttentionDesk(ctx, tasks);
        this.publication = new Publication(ctx, policies);
    }

    void run() {
        ctx.leanTasks = Workflow.getVersion(LEAN_TASKS, Workflow.DEFAULT_VERSION, 1) >= 1;
        ctx.chargeFacts = Workflow.getVersion(CHARGE_FACTS, Workflow.DEFAULT_VERSION, 1) >= 1;
        ctx.sharedAddress = Workflow.getVersion(AddressGuard.SHARED_ADDRESS, Workflow.DEFAULT_VERSION, 1) >= 1;
        reads.askVersions();
        attention.restore();
        while (true) {
            EngineSettings settings = settings();
            EntitlementMachine machine = settings.machine().withChargeFacts(ctx.chargeFacts);
            boolean billingReads = settings.billingReads() && !ctx.record.customerId().startsWith("guest_");
            ctx.syncRequested = false;
            applier.drain(machine, billingReads);
            if (billingReads) {
                reads.readIfWanted(machine, settings, () -> applier.drain(machine, true));
            }
            applier.applyTime(machine);
            attention.update(machine, settings, billingReads);
            if (ctx.sharedAddress) {
                publication.publishBeforeChanging(machine.desired(ctx.record.member()));
            }
            vendorSync.reconcile(machine);
            publication.publish(machine.desired(ctx.record.member()));
            if (CustomerWorkflowImpl.historyIsLong(settings)) {
                continueAsNewWhenIdle(machine);
            }
            awaitWork(settings, billingReads);
        }
    }

    /** Settings through {@link SettingsReader}; runs before it recorded a marker only when they changed. */
    private EngineSettings settings() {
        return settingsReader.get();
    }

    private void continueAsNewWhenIdle(EntitlementMachine machine) {
        Workflow.await(() -> !ctx.marketingRunning && Workflow.isEveryHandlerFinished());
        publication.publish(machine.desired(ctx.record.member()));
        if (!ctx.hasQueued()) {
            LOG.info("Continuing {} as new after {} history events", Workflow.getInfo().getWorkflowId(),
                    Workflow.getInfo().getHistoryLength());
            // a billing event applied after the last read must not be forgotten by the next run
            Workflow.continueAsNew(new CustomerWorkflowInput(ctx.record.customerId(), ctx.record,
                    ctx.leanTasks && ctx.readWanted));
        }
    }

    private void awaitWork(EngineSettings settings, boolean billingReads) {
        long now = Workflow.currentTimeMillis();
        Optional<Long> deadline = Stream.of(ctx.record.member().nextDeadline(),
                        Optional.ofNullable(billingReads && ctx.readWanted ? ctx.readRetryAt : null),
                        attention.nextDeadline(settings, billingReads))
                .flatMap(Optional::stream).filter(d -> d > now).min(Long::compare);
        if (deadline.isPresent()) {
            Workflow.await(Duration.ofMillis(deadline.get() - now), () -> hasWork(settings, billingReads));
        } else {
            Workflow.await(() -> hasWork(settings, billingReads));
        }
    }

    private boolean hasWork(EngineSettings settings, boolean billingReads) {
        return ctx.hasQueued() || ctx.syncRequested || (billingReads && reads.readAgain()) || CustomerWorkflowImpl.historyIsLong(settings)
                || (!ctx.marketingRunning && publication.behind());
    }
}
