package io.memberflow.workflow;

import io.memberflow.activities.AccessAndTagsActivities;
import io.memberflow.activities.GrantThenTag;
import io.memberflow.activities.TagOutcome;
import io.memberflow.sync.AccessThenTags;
import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.RecordKeepingActivities;
import io.memberflow.activities.AuditEntry;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.activities.SupportActivities;
import io.memberflow.activities.SupportTaskInput;
import io.memberflow.activities.TagChange;
import io.memberflow.activities.VendorFailures;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Stand-in Circle, Kit and support desk that record every call in order and can be told to fail. */
final class FakeVendors implements CommunityAccessActivities, MarketingActivities, SupportActivities, RecordKeepingActivities,
        AccessAndTagsActivities {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** The same calls with the address they were made for. */
    final List<String> addressed = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> tasksByKey = new ConcurrentHashMap<>();
    final List<SupportTaskInput> tasks = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger kitAttempts = new AtomicInteger();
    volatile String circleFinalError;
    /** A final error for revokes only (e.g. Circle's 404 for an access group that does not exist). */
    volatile String revokeFinalError;
    volatile boolean kitDown;
    /** How many of the next grants fail with a retryable error (a Circle blip), before anything is granted. */
    final AtomicInteger circleBlips = new AtomicInteger();
    /** How many of the next projection writes fail for good (as a database that is down would). */
    final AtomicInteger recordFailures = new AtomicInteger();
    final AtomicInteger recordAttempts = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1);
    /** What Circle and Kit hold per address: they know people by e-mail, not by Stripe customer. */
    final Map<String, java.util.Set<Long>> circleAt = new ConcurrentHashMap<>();
    final Map<String, java.util.Set<Long>> kitAt = new ConcurrentHashMap<>();

    private static java.util.Set<Long> at(Map<String, java.util.Set<Long>> vendor, String email) {
        return vendor.computeIfAbsent(String.valueOf(email), e -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public void grantAccess(AccessChange change) {
        if (circleFinalError != null) {
            throw ApplicationFailure.newNonRetryableFailure(circleFinalError, VendorFailures.FINAL);
        }
        if (circleBlips.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ApplicationFailure.newFailure("circle grant access group: HTTP 429", VendorFailures.RETRYABLE);
        }
        at(circleAt, change.email()).addAll(change.accessGroupIds());
        calls.add("grant " + new TreeSet<>(change.accessGroupIds()));
        addressed.add("grant " + new TreeSet<>(change.accessGroupIds()) + " " + change.email());
    }

    /** Runs before each revoke is applied (a test can hold it until something else happened). */
    volatile java.util.function.Consumer<AccessChange> beforeRevoke = change -> { };

    @Override
    public void revokeAccess(AccessChange change) {
        beforeRevoke.accept(change);
        if (revokeFinalError != null) {
            throw ApplicationFailure.newNonRetryableFailure(revokeFinalError, VendorFailures.FINAL);
        }
        at(circleAt, change.email()).removeAll(change.accessGroupIds());
        calls.add("revoke " + new TreeSet<>(change.accessGroupIds()));
        addressed.add("revoke " + new TreeSet<>(change.accessGroupIds()) + " " + change.email());
    }

    /** The service's own pairing (grant, then tags, a tag failure handed back) over these stand-ins. */
    @Override
    public TagOutcome grantAccessThenAddTags(GrantThenTag change) {
        return new AccessThenTags(this, this).grantAccessThenAddTags(change);
    }

    @Override
    public void addTags(TagChange change) {
        kitAttempts.incrementAndGet();
        if (kitDown) {
            throw ApplicationFailure.newFailure("kit add tags: HTTP 503", VendorFailures.RETRYABLE);
        }
        at(kitAt, change.email()).addAll(change.tagIds());
        calls.add("tag " + new TreeSet<>(change.tagIds()));
        addressed.add("tag " + new TreeSet<>(change.tagIds()) + " " + change.email());
    }

    @Override
    public void removeTags(TagChange change) {
        at(kitAt, change.email()).removeAll(change.tagIds());
        calls.add("untag " + new TreeSet<>(change.tagIds()));
        addressed.add("untag " + new TreeSet<>(change.tagIds()) + " " + change.email());
    }

    @Override
    public long openTask(SupportTaskInput input) {
        return tasksByKey.computeIfAbsent(input.key(), k -> {
            tasks.add(input);
            calls.add("task " + input.kind());
            return ids.getAndIncrement();
        });
    }

    final List<String> resolved = Collections.synchronizedList(new ArrayList<>());
    final List<CustomerSnapshot> snapshots = Collections.synchronizedList(new ArrayList<>());
    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void resolveTask(long taskId, String actor, String reason) {
        resolved.add(taskId + " by " + actor);
    }

    @Override
    public void record(CustomerSnapshot snapshot, List<AuditEntry> entries) {
        recordAttempts.incrementAndGet();
        if (recordFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ApplicationFailure.newNonRetryableFailure("customer_view: connection refused", "DatabaseDown");
        }
        snapshots.add(snapshot);
        audit.addAll(entries);
    }

    /** Runs as the next look-up by address answers (a test can make another customer act right then). */
    final java.util.concurrent.atomic.AtomicReference<Runnable> onSameAddress = new java.util.concurrent.atomic.AtomicReference<>();
    final AtomicInteger sameAddressLookups = new AtomicInteger();

    /** The projection by address, from the snapshots recorded so far (each customer's newest). */
    @Override
    public List<io.memberflow.activities.SameAddressCustomer> sameAddress(io.memberflow.activities.SameAddressQuery query) {
        sameAddressLookups.incrementAndGet();
        Map<String, CustomerSnapshot> newest = new java.util.TreeMap<>();
        synchronized (snapshots) {
            for (CustomerSnapshot s : snapshots) {
                newest.merge(s.customerId(), s, (a, b) -> b.revision() > a.revision() ? b : a);
            }
        }
        List<io.memberflow.activities.SameAddressCustomer> answer = newest.values().stream()
                .filter(s -> !s.customerId().equals(query.customerId()) && s.email() != null
                        && s.email().equalsIgnoreCase(String.valueOf(query.email())))
                .map(s -> new io.memberflow.activities.SameAddressCustomer(s.customerId(),
                        s.requiredGroupIds() != null ? s.requiredGroupIds() : s.circleAccessGroupIds(),
                        s.requiredTagIds() != null ? s.requiredTagIds() : s.kitTagIds()))
                .toList();
        Runnable hook = onSameAddress.getAndSet(null);
        if (hook != null) {
            hook.run(); // after the answer is taken: what the hook makes happen is not in it
        }
        return answer;
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }
}
