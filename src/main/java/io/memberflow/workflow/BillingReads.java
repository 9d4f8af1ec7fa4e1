package io.memberflow.workflow;

import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.BillingRead;
import io.memberflow.activities.BillingReadRequest;
import io.memberflow.domain.Attention;
import io.memberflow.domain.BillingSnapshot;
import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.Transition;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import jakarta.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Stripe's current state after billing events, so that delivery order cannot corrupt the member's state:
 * a read is newer than every event received before it started. Events that arrive within the debounce are
 * covered by the same read (a signup's three events cost one read); an event that arrives while a read is under
 * way asks for another. A read that fails after its activity retries is recorded as a problem and tried again
 * on the next billing event, on {@code retrySync}, or after {@link #RETRY_AFTER_FAILURE}.
 *
 * <p>Owns the read-scheduling state (whether a read is wanted, when a failed one is tried again, why the last one
 * failed or found no customer, which events the last read covered): the applier tells it what arrived
 * ({@link #eventArrived}, {@link #requested}, {@link #retryNow}); the loop asks whether a read is due and drives it in
 * two steps, {@link #begin} and {@link #finish}, applying what was queued meanwhile in between.
 *
 * <p>From version {@code lean-tasks} the read is a local activity that waits the debounce itself: no timer, no
 * activity task, and the read's result is applied in the workflow task that asked for it. It reports which of the
 * customer's events the inbox held when it began to read; those events, when they reach the workflow during the
 * read, ask for no read of their own.
 *
 * <p>From version {@value Versions#LEADING_EDGE_READ} the first read of a burst does not wait: access follows a payment
 * in the time of one Stripe read. Events that arrive during that read ask for one more, which waits the debounce.
 */
final class BillingReads {
    static final String STRIPE_READ_FAILED = "stripe_read_failed";
    /** Stripe answers 404 for the customer while its events say it exists (version {@code charge-facts}). */
    static final String STRIPE_CUSTOMER_MISSING = "stripe_customer_missing";
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);
    /** While Stripe answers 404 for the customer (version {@code charge-facts}), it is read again this often. */
    static final Duration RETRY_WHILE_MISSING = Duration.ofHours(1);

    /**
     * A read that has begun: its result, or null before {@code lean-tasks}, where {@link #begin} only waits the
     * debounce and {@link #finish} reads.
     */
    record Read(@Nullable BillingSnapshot snapshot) {
    }

    private final CustomerBook book;
    private final BillingActivities billing;
    private final LocalActivityOptions stripeRead;
    private final Versions versions;
    /** A billing event arrived that the last read of Stripe may not reflect. */
    private boolean wanted;
    /** After a read failed for good: the workflow time of the next try (an event or retrySync tries sooner). */
    private Long retryAt;
    /** Why the last read of Stripe failed for good; null once a read succeeds. */
    private String failure;
    /** Why the last read found no customer at Stripe (a 404), in words for support; null once a read finds it. */
    private String customerMissing;
    /** The events the inbox held when the last read after a burst began: they need no read of their own. */
    private Set<String> coveredByRead = Set.of();
    /** Workflow time the last read began in this run (null: none yet): a read within the debounce of it waits. */
    private Long lastReadAt;

    /** @param wanted carried by continue-as-new from {@code lean-tasks}: an applied event no read has covered yet */
    BillingReads(CustomerBook book, ActivityPolicies policies, Versions versions, boolean wanted) {
        this.book = book;
        this.billing = Workflow.newActivityStub(BillingActivities.class, policies.stripe());
        this.stripeRead = policies.stripeRead();
        this.versions = versions;
        this.wanted = wanted;
    }

    /** Restores the read state a continued-as-new run carried in its problems. */
    void restore() {
        book.record().problems().stream().filter(p -> STRIPE_READ_FAILED.equals(p.kind())).findFirst().ifPresent(p -> {
            failure = p.summary();
            wanted = true;
        });
        book.record().problems().stream().filter(p -> STRIPE_CUSTOMER_MISSING.equals(p.kind())).findFirst().ifPresent(p -> {
            customerMissing = p.summary();
            wanted = true;
        });
    }

    /** A billing event that Stripe must be read for was applied: a read is due now, unless the last read covered it. */
    void eventArrived(String eventId) {
        if (!coveredByRead.contains(eventId)) {
            requested();
        }
    }

    /** Someone asked for a read (a {@code requestBillingRead} signal, a drift repair): due now, even after a failure. */
    void requested() {
        wanted = true;
        retryAt = null;
    }

    /** {@code retrySync}: a failed read is tried again on the next pass (if one is wanted). */
    void retryNow() {
        retryAt = null;
    }

    /** True when an event the last read may not reflect is waiting for the next pass to read again. */
    boolean readAgain() {
        return versions.leanTasks() && wanted && retryAt == null;
    }

    /** True while an applied billing event has not been covered by a read (continue-as-new carries it). */
    boolean wanted() {
        return wanted;
    }

    /** The workflow time a failed read is due again, while one is wanted. */
    Optional<Long> retryAt() {
        return Optional.ofNullable(wanted ? retryAt : null);
    }

    /** The read problems the customer has now, for {@link AttentionDesk}. */
    List<Attention.Problem> problems(boolean reads) {
        List<Attention.Problem> problems = new ArrayList<>();
        if (failure != null) {
            problems.add(new Attention.Problem(STRIPE_READ_FAILED, failure));
        }
        if (customerMissing != null && reads) {
            problems.add(new Attention.Problem(STRIPE_CUSTOMER_MISSING, customerMissing));
        }
        return problems;
    }

    /**
     * Begins the read when one is due: from {@code lean-tasks} reads (after the debounce it decides), before it waits
     * the debounce on a timer. Empty when no read is due, or when the read failed (then recorded and retried later).
     * The caller applies what was queued meanwhile (those events are covered by this read), then calls {@link #finish}.
     */
    Optional<Read> begin(EngineSettings settings) {
        if (!wanted || (retryAt != null && Workflow.currentTimeMillis() < retryAt)) {
            return Optional.empty();
        }
        if (versions.leanTasks()) {
            return readAfterBurst(settings);
        }
        if (settings.readDebounceMillis() > 0) {
            Workflow.sleep(Duration.ofMillis(settings.readDebounceMillis()));
        }
        return Optional.of(new Read(null));
    }

    /** Applies the read (reading first before {@code lean-tasks}); true when it changed the member's billing state. */
    boolean finish(EntitlementMachine machine, Read read) {
        if (read.snapshot() != null) {
            return apply(machine, read.snapshot());
        }
        wanted = false;
        String customerId = book.record().customerId();
        try {
            return apply(machine, billing.readBilling(customerId));
        } catch (ActivityFailure failure) {
            failed(failure);
            return false;
        }
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

    private Optional<Read> readAfterBurst(EngineSettings settings) {
        wanted = false;
        BillingRead read;
        try {
            long debounce = debounceMillis(settings);
            // each attempt waits the debounce before it reads: its timeout covers both
            BillingActivities local = Workflow.newLocalActivityStub(BillingActivities.class,
                    LocalActivityOptions.newBuilder(stripeRead).setStartToCloseTimeout(stripeRead.getStartToCloseTimeout()
                            .plusMillis(debounce)).build());
            read = local.readAfterBurst(new BillingReadRequest(book.record().customerId(), debounce));
        } catch (ActivityFailure failure) {
            failed(failure);
            return Optional.empty();
        }
        // kept until the next read: a covered event may reach the workflow in this task or in a later one
        coveredByRead = Set.copyOf(read.coveredEventIds());
        return Optional.of(new Read(read.snapshot()));
    }

    private boolean apply(EntitlementMachine machine, BillingSnapshot snapshot) {
        long now = Workflow.currentTimeMillis();
        Transition t = machine.applySnapshot(book.record().member(), snapshot, now);
        failure = null;
        retryAt = null;
        book.change(r -> r.withMember(t.next()).noting(now, "stripe", t.note() + " -> " + t.next().status()));
        if (versions.chargeFacts()) {
            missing(snapshot, now);
        }
        return t.changed();
    }

    /**
     * A customer Stripe answers 404 for, although its events arrived signed by Stripe: most often a key of another
     * account or mode (live/test) than the webhook's. Billing stays as last read (nothing is granted that Stripe did not
     * confirm, nothing is taken because Stripe suddenly cannot find it), the customer is flagged, and Stripe is read
     * again every {@link #RETRY_WHILE_MISSING} (sooner on a billing event or retrySync).
     */
    private void missing(BillingSnapshot snapshot, long now) {
        if (snapshot.found()) {
            customerMissing = null;
            return;
        }
        wanted = true;
        retryAt = now + RETRY_WHILE_MISSING.toMillis();
        customerMissing = "Stripe answers 404 for customer " + snapshot.customerId() + " although its events arrived"
                + " signed by Stripe: STRIPE_API_KEY may belong to another Stripe account or mode (live/test) than the"
                + " webhook endpoint, or the customer was removed. Billing stays as last read ("
                + book.record().member().status().configKey() + "), so no access is given that Stripe has not confirmed;"
                + " fix the key and send retrySync (or grantAccess meanwhile). memberflow reads again every hour and on"
                + " each billing event.";
    }

    private void failed(ActivityFailure failure) {
        long now = Workflow.currentTimeMillis();
        wanted = true;
        retryAt = now + RETRY_AFTER_FAILURE.toMillis();
        this.failure = "Stripe could not be read (" + Failures.reason(failure)
                + "), so billing changes since the last read are not applied yet; memberflow tries again on the"
                + " next billing event, on retrySync, and every " + RETRY_AFTER_FAILURE.toMinutes() + " minutes.";
        book.note(now, "failure", "stripe read failed: " + Failures.reason(failure));
    }
}
