package io.memberflow.dispatch;

import io.memberflow.domain.BillingEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds a customer's recorded events for {@code memberflow.dispatch.gather} after the first of them arrives, then
 * hands them on together, in arrival order. Stripe reports one change of a customer as several events sent within
 * milliseconds (checkout, subscription, invoice.paid); held together they reach the workflow as one signal, so the
 * workflow runs one task and reads Stripe once for them instead of once per signal. The cost is the window, added to
 * the first event's way to the workflow.
 *
 * <p>Nothing held is lost: a held event is still leased to this process in the inbox, and when the process dies
 * the relay delivers it after the lease. {@link #hold} refuses (false) when {@code limit} events are held, or a
 * customer already has {@link LaneTask#MAX_BATCH}; the relay offers a refused event again.
 */
final class Gathering {
    /** One held event and how often its delivery failed before. */
    record Held(BillingEvent event, int attempts) {
    }

    private final Duration window;
    private final int limit;
    private final Consumer<List<Held>> release;
    private final ScheduledExecutorService timer;
    /** Guarded by {@code this}: each customer's held events, in arrival order. */
    private final Map<String, List<Held>> held = new HashMap<>();
    private int count;

    Gathering(Duration window, int limit, Consumer<List<Held>> release) {
        this.window = window;
        this.limit = limit;
        this.release = release;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "memberflow-dispatch-gather");
            t.setDaemon(true);
            return t;
        });
    }

    /** Holds the event with its customer's others; the first of a customer starts the window. */
    synchronized boolean hold(BillingEvent event, int attempts) {
        List<Held> mine = held.get(event.customerId());
        if (count >= limit || (mine != null && mine.size() >= LaneTask.MAX_BATCH)) {
            return false;
        }
        if (mine == null) {
            mine = new ArrayList<>();
            held.put(event.customerId(), mine);
            String customerId = event.customerId();
            timer.schedule(() -> releaseCustomer(customerId), window.toNanos(), TimeUnit.NANOSECONDS);
        }
        mine.add(new Held(event, attempts));
        count++;
        return true;
    }

    private void releaseCustomer(String customerId) {
        List<Held> mine;
        synchronized (this) {
            mine = held.remove(customerId);
        }
        if (mine == null) {
            return;
        }
        try {
            release.accept(mine);
        } finally {
            synchronized (this) {
                count -= mine.size(); // only now: until they are in their lane they count as held
            }
        }
    }

    /** How many more events may be held now. */
    synchronized int room() {
        return limit - count;
    }

    synchronized boolean isEmpty() {
        return count == 0;
    }

    /** Stops the timer; what is still held stays leased in the inbox and the relay delivers it. */
    void stop() {
        timer.shutdownNow();
    }
}
