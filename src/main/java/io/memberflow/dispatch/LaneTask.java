package io.memberflow.dispatch;

import io.memberflow.domain.BillingEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One recorded event waiting in a dispatcher lane. When it runs it may take the other events of the same customer
 * that already wait in the lane's queue, so they go to Temporal as one signal (see {@link #takeSameCustomer}). Events
 * held together by {@link Gathering} enter the lane as one task: the first, carrying the others as companions.
 */
final class LaneTask implements Runnable {
    final BillingEvent event;
    final int attempts;
    final long queuedAtNanos = System.nanoTime();
    private final Queue<Runnable> laneQueue;
    private final Consumer<List<LaneTask>> delivery;
    private final List<LaneTask> companions;

    LaneTask(BillingEvent event, int attempts, Queue<Runnable> laneQueue, Consumer<List<LaneTask>> delivery) {
        this(event, attempts, laneQueue, delivery, List.of());
    }

    /** {@code companions}: later events of the same customer that go with this one (never run on their own). */
    LaneTask(BillingEvent event, int attempts, Queue<Runnable> laneQueue, Consumer<List<LaneTask>> delivery,
             List<LaneTask> companions) {
        this.event = event;
        this.attempts = attempts;
        this.laneQueue = laneQueue;
        this.delivery = delivery;
        this.companions = companions;
    }

    @Override
    public void run() {
        delivery.accept(takeSameCustomer());
    }

    /**
     * This task first, then its companions, then every task of the same customer still queued in the lane, in the
     * queue's (arrival) order, removed from the queue. {@code limit} bounds the batch. A task another thread removed first is simply
     * not taken (remove returns false).
     */
    List<LaneTask> takeSameCustomer(int limit) {
        List<LaneTask> batch = new ArrayList<>();
        batch.add(this);
        batch.addAll(companions);
        if (laneQueue == null) {
            return batch;
        }
        for (Iterator<Runnable> it = laneQueue.iterator(); it.hasNext() && batch.size() < limit; ) {
            if (it.next() instanceof LaneTask other && other.event.customerId().equals(event.customerId())
                    && laneQueue.remove(other)) {
                batch.add(other);
            }
        }
        return batch;
    }

    /** The batch size bound: one signal payload stays far below Temporal's 2 MB blob limit. */
    static final int MAX_BATCH = 50;

    List<LaneTask> takeSameCustomer() {
        return takeSameCustomer(MAX_BATCH);
    }

    static List<BillingEvent> events(List<LaneTask> tasks) {
        return tasks.stream().map(t -> t.event).toList();
    }
}
