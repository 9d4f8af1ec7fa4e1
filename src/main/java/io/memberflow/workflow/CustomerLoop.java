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
    private static final Logger LOG = Workflow.getLogger(CustomerLoop.class);
    private final WorkflowContext ctx;
    private final SignalInbox inbox;
    private final Versions versions;
    private final SettingsReader settingsReader;
    private final VendorSync vendorSync;
    private final EventApplier applier;
    private final BillingReads reads;
    private final AttentionDesk attention;
    private final Publication publication;

    CustomerLoop(WorkflowContext ctx, SignalInbox inbox, Versions versions, Supplier<EngineSettings> settingsSource,
                 VendorSync vendorSync, ActivityPolicies policies) {
        this.ctx = ctx;
        this.inbox = inbox;
        this.versions = versions;
        this.settingsReader = new SettingsReader(settingsSource, (recorded, fresh) -> !recorded.equals(fresh));
        this.vendorSync = vendorSync;
        this.applier = new EventApplier(ctx, inbox);
        this.reads = new BillingReads(ctx, policies, versions);
        this.attention = new AttentionDesk(ctx);
        this.publication = new Publication(ctx, policies, versions);
    }

    void run() {
        attention.restore();
        while (true) {
            EngineSettings settings = settings();
            EntitlementMachine machine = settings.machine().withChargeFacts(versions.chargeFacts());
            boolean billingReads = settings.billingReads() && !ctx.book.record().customerId().startsWith("guest_");
            ctx.syncRequested = false;
            applier.drain(machine, billingReads);
            if (billingReads) {
                reads.readIfWanted(machine, settings, () -> applier.drain(machine, true));
            }
            applier.applyTime(machine);
            attention.update(machine, settings, billingReads);
            if (versions.sharedAddress()) {
                publication.publishBeforeChanging(machine.desired(ctx.book.record().member()));
            }
            vendorSync.reconcile(machine);
            publication.publish(machine.desired(ctx.book.record().member()));
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
        publication.publish(machine.desired(ctx.book.record().member()));
        if (!inbox.hasQueued()) {
            LOG.info("Continuing {} as new after {} history events", Workflow.getInfo().getWorkflowId(),
                    Workflow.getInfo().getHistoryLength());
            // a billing event applied after the last read must not be forgotten by the next run
            Workflow.continueAsNew(new CustomerWorkflowInput(ctx.book.record().customerId(), ctx.book.record(),
                    versions.leanTasks() && ctx.readWanted));
        }
    }

    private void awaitWork(EngineSettings settings, boolean billingReads) {
        long now = Workflow.currentTimeMillis();
        Optional<Long> deadline = Stream.of(ctx.book.record().member().nextDeadline(),
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
        return inbox.hasQueued() || ctx.syncRequested || (billingReads && reads.readAgain()) || CustomerWorkflowImpl.historyIsLong(settings)
                || (!ctx.marketingRunning && publication.behind());
    }
}
