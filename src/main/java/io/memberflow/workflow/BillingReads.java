package io.memberflow.workflow;

import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.BillingRead;
import io.memberflow.activities.BillingReadRequest;
import io.memberflow.domain.BillingSnapshot;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.Transition;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.Set;

/**
 * Reads Stripe's current state after billing events, so that delivery order cannot corrupt the member's state:
 * a read is newer than every event received before it started. Events that arrive within the debounce are
 * covered by the same read (a signup's three events cost one read); an event that arrives while a read is under
 * way asks for another. A read that fails after its activity retries is recorded as a problem and tried again
 * on the next billing event, on {@code retrySync}, or after {@link #RETRY_AFTER_FAILURE}.
 *
 * <p>From version {@code lean-tasks} the read is a local activity that waits the debounce itself: no timer, no
 * activity task, and the read's result is applied in the workflow task that asked for it. It reports which of the
 * customer's events the inbox held when it began to read; those events, when they reach the workflow during the
 * read, ask for no read of their own.
 *
 * <p>From version {@value Versions#LEADING_EDGE_READ} the first read of a burst does not wait: access follows a payment in the
 * time of one Stripe read. Events that arrive during that read ask for one more, which waits the debounce.
 */
final class BillingReads {
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);
    /** While Stripe answers 404 for the customer (version {@code charge-facts}), it is read again this often. */
    static final Duration RETRY_WHILE_MISSING = Duration.ofHours(1);
    private final WorkflowContext ctx;
    private final BillingActivities billing;
    private final LocalActivityOptions stripeRead;
    private final Versions versions;
    /** Workflow time the last read began in this run (null: none yet): a read within the debounce of it waits. */
    private Long lastReadAt;

    BillingReads(WorkflowContext ctx, ActivityPolicies policies, Versions versions) {
        this.ctx = ctx;
        this.versions = versions;
        this.billing = Workflow.newActivityStub(BillingActivities.class, policies.stripe());
        this.stripeRead = policies.stripeRead();
    }

    /** @param drain applies whatever was queued during the debounce (those events are covered by this read) */
    void readIfWanted(EntitlementMachine machine, EngineSettings settings, Runnable drain) {
        if (!ctx.readWanted || (ctx.readRetryAt != null && Workflow.currentTimeMillis() < ctx.readRetryAt)) {
            return;
        }
        if (versions.leanTasks()) {
            readAfterBurst(machine, settings, drain);
            return;
        }
        if (settings.readDebounceMillis() > 0) {
            Workflow.sleep(Duration.ofMillis(settings.readDebounceMillis()));
            drain.run();
        }
        ctx.readWanted = false;
        String customerId = ctx.book.record().customerId();
        try {
            apply(machine, billing.readBilling(customerId));
        } catch (ActivityFailure failure) {
            failed(failure);
        }
    }

    /** True when an event the last read may not reflect is waiting for the next pass to read again. */
    boolean readAgain() {
        return versions.leanTasks() && ctx.readWanted && ctx.readRetryAt == null;
    }

    /**
     * The wait before this read: the debounce before {@code leading-edge-read}; from it none for the first read of a
     * burst, and the debounce for a read asked within the debounce of the previous one (events that came in while it
     * read), so a burst costs at most two reads.
     */
    private long debounceMillis(EngineSettings settings) {
        long debounce = settings.readDebounceMillis();
        if (!versions.leadingEdgeRead()) {
            return debounce;
        }
        long now = Workflow.currentTimeMillis();
        boolean burstBegins = lastReadAt == null || now - lastReadAt >= debounce;
        lastReadAt = now;
        return burstBegins ? 0 : debounce;
    }

    private void readAfterBurst(EntitlementMachine machine, EngineSettings settings, Runnable drain) {
        ctx.readWanted = false;
        BillingRead read;
        try {
            long debounce = debounceMillis(settings);
            // each attempt waits the debounce before it reads: its timeout covers both
            BillingActivities local = Workflow.newLocalActivityStub(BillingActivities.class,
                    LocalActivityOptions.newBuilder(stripeRead).setStartToCloseTimeout(stripeRead.getStartToCloseTimeout()
                            .plusMillis(debounce)).build());
            read = local.readAfterBurst(new BillingReadRequest(ctx.book.record().customerId(), debounce));
        } catch (ActivityFailure failure) {
            failed(failure);
            return;
        }
        // kept until the next read: a covered event may reach the workflow in this task or in a later one
        ctx.coveredByRead = Set.copyOf(read.coveredEventIds());
        drain.run();
        apply(machine, read.snapshot());
    }

    private void apply(EntitlementMachine machine, BillingSnapshot snapshot) {
        long now = Workflow.currentTimeMillis();
        Transition t = machine.applySnapshot(ctx.book.record().member(), snapshot, now);
        if (t.changed()) {
            ctx.syncHeld = false;
        }
        ctx.readFailure = null;
        ctx.readRetryAt = null;
        ctx.book.change(r -> r.withMember(t.next()).noting(now, "stripe", t.note() + " -> " + t.next().status()));
        if (versions.chargeFacts()) {
            missing(snapshot, now);
        }
    }

    /**
     * A customer Stripe answers 404 for, although its events arrived signed by Stripe: most often a key of another
     * account or mode (live/test) than the webhook's. Billing stays as last read (nothing is granted that Stripe did not
     * confirm, nothing is taken because Stripe suddenly cannot find it), the customer is flagged, and Stripe is read
     * again every {@link #RETRY_WHILE_MISSING} (sooner on a billing event or retrySync).
     */
    private void missing(BillingSnapshot snapshot, long now) {
        if (snapshot.found()) {
            ctx.customerMissing = null;
            return;
        }
        ctx.readWanted = true;
        ctx.readRetryAt = now + RETRY_WHILE_MISSING.toMillis();
        ctx.customerMissing = "Stripe answers 404 for customer " + snapshot.customerId() + " although its events arrived"
                + " signed by Stripe: STRIPE_API_KEY may belong to another Stripe account or mode (live/test) than the"
                + " webhook endpoint, or the customer was removed. Billing stays as last read ("
                + ctx.book.record().member().status().configKey() + "), so no access is given that Stripe has not confirmed;"
                + " fix the key and send retrySync (or grantAccess meanwhile). memberflow reads again every hour and on"
                + " each billing event.";
    }

    private void failed(ActivityFailure failure) {
        long now = Workflow.currentTimeMillis();
        ctx.readWanted = true;
        ctx.readRetryAt = now + RETRY_AFTER_FAILURE.toMillis();
        ctx.readFailure = "Stripe could not be read (" + Failures.reason(failure)
                + "), so billing changes since the last read are not applied yet; memberflow tries again on the"
                + " next billing event, on retrySync, and every " + RETRY_AFTER_FAILURE.toMinutes() + " minutes.";
        ctx.book.change(r -> r.noting(now, "failure", "stripe read failed: " + Failures.reason(failure)));
    }
}
