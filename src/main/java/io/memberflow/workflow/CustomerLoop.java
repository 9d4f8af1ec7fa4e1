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
 *
 * <p>The loop holds no state of its own but the helpers, each the one owner of its part: {@link CustomerBook} the
 * record, {@link SignalInbox} what signals queued, {@link BillingReads} when Stripe is read, {@link VendorSync} the
 * sync lane, {@link Publication} what the projection was given, {@link Versions} (immutable) how this run behaves. It
 * asks them for decisions and acts on them: a read of Stripe is begun, what was queued meanwhile applied, then the
 * read finished; a read that changed billing lifts a held sync.
 */
final class CustomerLoop {
    private static final Logger LOG = Workflow.getLogger(CustomerLoop.class);
    private final CustomerBook book;
    private final SignalInbox inbox;
    private final Versions versions;
    private final SettingsReader settingsReader;
    private final VendorSync vendorSync;
    private final EventApplier applier;
    private final BillingReads reads;
    private final AttentionDesk attention;
    private final Publication publication;

    /** @param readWanted carried by continue-as-new: an applied billing event no read of Stripe has covered yet */
    CustomerLoop(CustomerBook book, SignalInbox inbox, Versions versions, Supplier<EngineSettings> settingsSource,
                 VendorSync vendorSync, ActivityPolicies policies, boolean readWanted) {
        this.book = book;
        this.inbox = inbox;
        this.versions = versions;
        this.settingsReader = new SettingsReader(settingsSource, (recorded, fresh) -> !recorded.equals(fresh));
        this.vendorSync = vendorSync;
        this.reads = new BillingReads(book, policies, versions, readWanted);
        this.applier = new EventApplier(book, inbox, reads, vendorSync);
        this.attention = new AttentionDesk(book);
        this.publication = new Publication(book, policies, versions);
    }

    void run() {
        reads.restore();
        while (true) {
            EngineSettings settings = settings();
            EntitlementMachine machine = settings.machine().withChargeFacts(versions.chargeFacts());
            boolean billingReads = settings.billingReads() && !book.record().customerId().startsWith("guest_");
            vendorSync.beginPass();
            applier.drain(machine, billingReads);
            if (billingReads) {
                read(machine, settings);
            }
            applier.applyTime(machine);
            attention.update(machine, settings, billingReads, reads.problems(billingReads));
            if (versions.sharedAddress()) {
                publication.publishBeforeChanging(machine.desired(book.record().member()));
            }
            vendorSync.reconcile(machine);
            publication.publish(machine.desired(book.record().member()));
            if (CustomerWorkflowImpl.historyIsLong(settings)) {
                continueAsNewWhenIdle(machine);
            }
            awaitWork(settings, billingReads);
        }
    }

    /**
     * Reads Stripe when a read is due. Whatever is queued once the read has begun (during the debounce, or while the
     * read ran) is applied before its result: the read covers those events.
     */
    private void read(EntitlementMachine machine, EngineSettings settings) {
        Optional<BillingReads.Read> read = reads.begin(settings);
        if (read.isPresent()) {
            applier.drain(machine, true);
            if (reads.finish(machine, read.get())) {
                vendorSync.release();
            }
        }
    }

    /** Settings through {@link SettingsReader}; runs before it recorded a marker only when they changed. */
    private EngineSettings settings() {
        return settingsReader.get();
    }

    private void continueAsNewWhenIdle(EntitlementMachine machine) {
        Workflow.await(() -> vendorSync.marketingIdle() && Workflow.isEveryHandlerFinished());
        publication.publish(machine.desired(book.record().member()));
        if (!inbox.hasQueued()) {
            LOG.info("Continuing {} as new after {} history events", Workflow.getInfo().getWorkflowId(),
                    Workflow.getInfo().getHistoryLength());
            // a billing event applied after the last read must not be forgotten by the next run
            Workflow.continueAsNew(new CustomerWorkflowInput(book.record().customerId(), book.record(),
                    versions.leanTasks() && reads.wanted()));
        }
    }

    private void awaitWork(EngineSettings settings, boolean billingReads) {
        long now = Workflow.currentTimeMillis();
        Optional<Long> deadline = Stream.of(book.record().member().nextDeadline(),
                        billingReads ? reads.retryAt() : Optional.<Long>empty(),
                        attention.nextDeadline(settings, billingReads))
                .flatMap(Optional::stream).filter(d -> d > now).min(Long::compare);
        if (deadline.isPresent()) {
            Workflow.await(Duration.ofMillis(deadline.get() - now), () -> hasWork(settings, billingReads));
        } else {
            Workflow.await(() -> hasWork(settings, billingReads));
        }
    }

    private boolean hasWork(EngineSettings settings, boolean billingReads) {
        return inbox.hasQueued() || vendorSync.syncRequested() || (billingReads && reads.readAgain())
                || CustomerWorkflowImpl.historyIsLong(settings) || (vendorSync.marketingIdle() && publication.behind());
    }
}
