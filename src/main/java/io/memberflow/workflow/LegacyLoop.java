package io.memberflow.workflow;

import io.memberflow.domain.EntitlementMachine;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The main loop of runs started before {@value CustomerWorkflowImpl#BILLING_TRUTH}, kept unchanged so their
 * histories replay: reconcile and publish first, then wait, then apply; billing from payloads only; settings
 * through {@link SettingsReader} with the mutableSideEffect predicate those runs recorded markers with. Delete
 * once no run of that version is open (see workflows.md).
 */
final class LegacyLoop {
    static final String OPERATOR_SURFACE = "operator-surface";
    private static final Logger LOG = Workflow.getLogger(LegacyLoop.class);
    private final CustomerBook book;
    private final SignalInbox inbox;
    private final ActivityPolicies policies;
    private final SettingsReader settingsReader;
    private final VendorSync vendorSync;
    private final EventApplier applier;
    private Publication publication;

    /** Billing comes from payloads here: the {@link BillingReads} only takes the applier's calls, it never reads. */
    LegacyLoop(CustomerBook book, SignalInbox inbox, Supplier<EngineSettings> settingsSource, VendorSync vendorSync,
               ActivityPolicies policies) {
        this.book = book;
        this.inbox = inbox;
        this.policies = policies;
        this.settingsReader = new SettingsReader(settingsSource, EngineSettings::equals);
        this.vendorSync = vendorSync;
        this.applier = new EventApplier(book, inbox, new BillingReads(book, policies, Versions.NONE, false), vendorSync);
    }

    void run() {
        boolean publishing = Workflow.getVersion(OPERATOR_SURFACE, Workflow.DEFAULT_VERSION, 1) >= 1;
        publication = publishing ? new Publication(book, policies, Versions.NONE) : null;
        while (true) {
            EngineSettings settings = settingsReader.get();
            EntitlementMachine machine = settings.machine();
            vendorSync.reconcile(machine);
            if (publication != null) {
                publication.publish();
            }
            awaitWork(machine, settings);
            vendorSync.beginPass();
            applier.drain(machine, false);
            applier.applyTime(machine);
            if (CustomerWorkflowImpl.historyIsLong(settings)) {
                vendorSync.reconcile(machine);
                Workflow.await(() -> vendorSync.marketingIdle() && Workflow.isEveryHandlerFinished());
                if (publication != null) {
                    publication.publish();
                }
                if (!inbox.hasQueued()) {
                    LOG.info("Continuing {} as new after {} history events", Workflow.getInfo().getWorkflowId(),
                            Workflow.getInfo().getHistoryLength());
                    Workflow.continueAsNew(new CustomerWorkflowInput(book.record().customerId(), book.record()));
                }
            }
        }
    }

    private void awaitWork(EntitlementMachine machine, EngineSettings settings) {
        Optional<Long> deadline = book.record().member().nextDeadline();
        if (deadline.isPresent() && deadline.get() <= Workflow.currentTimeMillis()) {
            applier.applyTime(machine);
            deadline = book.record().member().nextDeadline().filter(d -> d > Workflow.currentTimeMillis());
        }
        if (deadline.isPresent()) {
            Duration wait = Duration.ofMillis(deadline.get() - Workflow.currentTimeMillis());
            Workflow.await(wait, () -> hasWork(settings));
        } else {
            Workflow.await(() -> hasWork(settings));
        }
    }

    private boolean hasWork(EngineSettings settings) {
        return inbox.hasQueued() || vendorSync.syncRequested() || CustomerWorkflowImpl.historyIsLong(settings)
                || (publication != null && vendorSync.marketingIdle() && publication.behind());
    }
}
