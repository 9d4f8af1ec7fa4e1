package io.memberflow.workflow;

import io.memberflow.domain.BillingEvent;
import io.temporal.workflow.Workflow;

import java.util.function.Supplier;

/**
 * See {@link CustomerWorkflow}. Signal handlers only queue, into the {@link SignalInbox} this class owns; the main
 * loop ({@link CustomerLoop}) applies events through the pure entitlement machine, reads Stripe, fires deadlines,
 * brings Circle and Kit in line ({@link VendorSync}) and publishes the result ({@link Publication}). The record is
 * {@link CustomerBook}'s; the queries read it there.
 *
 * <p>Versions (workflows.md lists them all): {@value #BILLING_TRUTH} = 1 is the current loop; runs started
 * before it continue in {@link LegacyLoop}, which replays their histories unchanged (CustomerWorkflowReplayTest).
 */
public class CustomerWorkflowImpl implements CustomerWorkflow {
    static final String BILLING_TRUTH = "billing-truth";
    /**
     * Version marker of the {@code requestBillingRead} handler: 1 = the request is queued. A history recorded by a worker
     * without the handler holds the signal and nothing it caused; replayed here, that call answers {@code DEFAULT} and
     * the request is dropped again, so such a history still replays (workflows.md, deploy order).
     */
    static final String BILLING_READ_SIGNAL = "billing-read-signal";

    private final Supplier<EngineSettings> settingsSource;
    private final ActivityPolicies policies;
    private final SignalInbox inbox = new SignalInbox();
    /** The record's owner; null until the workflow method runs (a query may come first). */
    private CustomerBook book;
    private VendorSync vendorSync;

    public CustomerWorkflowImpl(Supplier<EngineSettings> settingsSource, ActivityPolicies policies) {
        this.settingsSource = settingsSource;
        this.policies = policies;
    }

    @Override
    public void run(CustomerWorkflowInput input) {
        book = new CustomerBook(input.carried() != null ? input.carried() : CustomerRecord.initial(input.customerId()),
                policies);
        if (Workflow.getVersion(BILLING_TRUTH, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            vendorSync = new VendorSync(book, policies, Versions.NONE);
            new LegacyLoop(book, inbox, settingsSource, vendorSync, policies).run();
        } else {
            Versions versions = Versions.ask();
            vendorSync = new VendorSync(book, policies, versions);
            // only continue-as-new from lean-tasks sets readWanted
            new CustomerLoop(book, inbox, versions, settingsSource, vendorSync, policies, input.readWanted()).run();
        }
    }

    static boolean historyIsLong(EngineSettings settings) {
        return Workflow.getInfo().isContinueAsNewSuggested()
                || Workflow.getInfo().getHistoryLength() > settings.continueAsNewAfter();
    }

    @Override
    public void onEvent(BillingEvent event) {
        inbox.addEvent(event);
    }

    @Override
    public void onEvents(java.util.List<BillingEvent> events) {
        if (events != null) {
            events.stream().filter(java.util.Objects::nonNull).forEach(this::onEvent);
        }
    }

    @Override
    public void repairDrift(DriftRepair repair) {
        if (repair != null) {
            inbox.addRepair(repair);
        }
    }

    @Override
    public void requestBillingRead(BillingReadReason reason) {
        if (Workflow.getVersion(BILLING_READ_SIGNAL, Workflow.DEFAULT_VERSION, 1) >= 1) {
            inbox.addReadRequest(reason != null ? reason : new BillingReadReason(null, null));
        }
    }

    @Override
    public void retrySync(OperatorAction action) {
        queue(OperatorSignal.RETRY_SYNC, action);
    }

    @Override
    public void grantAccess(OperatorAction action) {
        queue(OperatorSignal.GRANT_ACCESS, action);
    }

    @Override
    public void revokeAccess(OperatorAction action) {
        queue(OperatorSignal.REVOKE_ACCESS, action);
    }

    @Override
    public void clearOverride(OperatorAction action) {
        queue(OperatorSignal.CLEAR_OVERRIDE, action);
    }

    @Override
    public void block(OperatorAction action) {
        queue(OperatorSignal.BLOCK, action);
    }

    @Override
    public void unblock(OperatorAction action) {
        queue(OperatorSignal.UNBLOCK, action);
    }

    @Override
    public void resolveSupportTask(OperatorAction action) {
        queue(OperatorSignal.RESOLVE_SUPPORT_TASK, action);
    }

    private void queue(OperatorSignal signal, OperatorAction action) {
        inbox.addAction(signal, action);
    }

    @Override
    public CustomerRecord state() {
        return book == null ? null : book.record();
    }

    @Override
    public PendingWork pending() {
        if (book == null) {
            return null;
        }
        CustomerRecord r = book.record();
        return new PendingWork(vendorSync == null ? java.util.List.of() : vendorSync.describePending(), r.lastFailure(), r.member().email() == null,
                r.openTaskIds(), r.member().nextDeadline().orElse(null));
    }
}
