package io.memberflow.workflow;

import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.BillingRead;
import io.memberflow.activities.BillingReadRequest;
import io.memberflow.activities.VendorFailures;
import io.memberflow.domain.BillingSnapshot;
import io.memberflow.domain.BillingSnapshot.SubscriptionFacts;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-in Stripe API for workflow tests: answers reads with what a test put there, counts them, can fail. */
final class FakeStripe implements BillingActivities {
    final AtomicInteger reads = new AtomicInteger();
    volatile String email;
    volatile List<SubscriptionFacts> subscriptions = List.of();
    /** Reads that fail (retryably) before one succeeds. */
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile boolean keyRejected;
    /** The customer was deleted in Stripe: reads say so and list no subscriptions. */
    volatile boolean deleted;
    /** Stripe answers 404 for the customer (a key of another account or mode, say). */
    volatile boolean unknown;
    /** The test environment's clock, so reads are dated like the events a test sends. */
    volatile java.util.function.LongSupplier clockMillis = System::currentTimeMillis;

    FakeStripe(String email) {
        this.email = email;
    }

    FakeStripe subscription(String id, String status, String... prices) {
        subscriptions = List.of(new SubscriptionFacts(id, status, List.of(prices), false, null, 1_700_000_000L));
        return this;
    }

    /** Runs once, inside the next read after a burst, after it noted the covered ids and before it reads. */
    final java.util.concurrent.atomic.AtomicReference<Runnable> duringRead = new java.util.concurrent.atomic.AtomicReference<>();
    /** Event ids the stand-in inbox holds: a read after a burst reports them as covered. */
    final java.util.Set<String> inbox = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The debounce each read after a burst was asked to wait, in order. */
    final List<Long> debounces = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Waits the debounce in real time (as the activity does), then reads. */
    @Override
    public BillingRead readAfterBurst(BillingReadRequest request) {
        debounces.add(request.debounceMillis());
        request.waitDebounce();
        List<String> covered = List.copyOf(inbox);
        Runnable hook = duringRead.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        return new BillingRead(readBilling(request.customerId()), covered);
    }

    @Override
    public BillingSnapshot readBilling(String customerId) {
        reads.incrementAndGet();
        if (keyRejected) {
            throw ApplicationFailure.newNonRetryableFailure("stripe read: HTTP 401; check STRIPE_API_KEY", VendorFailures.FINAL);
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ApplicationFailure.newFailure("stripe read: HTTP 503", VendorFailures.RETRYABLE);
        }
        if (unknown) {
            return new BillingSnapshot(customerId, false, false, null, null, List.of(), clockMillis.getAsLong() / 1000);
        }
        return new BillingSnapshot(customerId, true, deleted, email, "Ada Lovelace", deleted ? List.of() : subscriptions,
                clockMillis.getAsLong() / 1000);
    }
}
