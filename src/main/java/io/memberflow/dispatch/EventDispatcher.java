package io.memberflow.dispatch;

import io.memberflow.config.DispatchProperties;
import io.memberflow.config.WebRole;
import io.memberflow.domain.BillingEvent;
import io.memberflow.inbox.EventSink;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxRelay;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Feeds recorded events to Temporal at its own pace, off the webhook's request path: {@code
 * memberflow.dispatch.concurrency} lanes do the signal-with-starts, each customer's events always in the same lane
 * (so one customer's workflow is never started twice at once, and its events keep their arrival order), and
 * delivered ids are marked in the inbox in batches. When Temporal cannot be reached, the dispatcher stops calling
 * it for {@link #PAUSE} and leaves events to {@link InboxRelay}, which retries them with backoff; nothing is lost
 * when a lane is full or the process dies, because every row is in the {@link Inbox} and its lease runs out.
 */
@Singleton
@WebRole
public class EventDispatcher implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    static final Duration PAUSE = Duration.ofSeconds(2);

    private final WorkflowDelivery delivery;
    private final Inbox inbox;
    private final Clock clock = Clock.systemUTC();
    private final ThreadPoolExecutor[] lanes;
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService flusher;
    private volatile Instant pausedUntil = Instant.MIN;
    /** {@code memberflow.dispatch.batch-signals}: a customer's queued events go as one {@code onEvents} signal. */
    private final boolean batchSignals;
    /** {@code memberflow.dispatch.gather}: null when zero (or without batch signals); events then enter lanes at once. */
    private final Gathering gathering;

    public EventDispatcher(WorkflowDelivery delivery, Inbox inbox, DispatchProperties properties) {
        this.delivery = delivery;
        this.inbox = inbox;
        this.batchSignals = properties.batchSignals();
        this.lanes = new ThreadPoolExecutor[properties.concurrency()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(Math.max(1, properties.queue() / lanes.length)), r -> daemon(r, "dispatch"),
                    new ThreadPoolExecutor.AbortPolicy());
        }
        this.gathering = batchSignals && !properties.gather().isZero()
                ? new Gathering(properties.gather(), properties.queue(), this::released) : null;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dispatch-flush"));
        flusher.scheduleWithFixedDelay(this::flush, 50, 50, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a recorded event in its customer's lane, or holds it for the gather window first; false when there is
     * no room (the relay offers it again after its lease).
     */
    @Override
    public boolean offer(BillingEvent event, int attempts) {
        if (gathering != null) {
            return gathering.hold(event, attempts);
        }
        try {
            ThreadPoolExecutor lane = lane(event.customerId());
            lane.execute(new LaneTask(event, attempts, batchSignals ? lane.getQueue() : null, this::deliver));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** A customer's events held together: one lane task, the first event carrying the others. */
    private void released(List<Gathering.Held> held) {
        Gathering.Held head = held.get(0);
        ThreadPoolExecutor lane = lane(head.event().customerId());
        List<LaneTask> companions = held.subList(1, held.size()).stream()
                .map(h -> new LaneTask(h.event(), h.attempts(), null, this::deliver)).toList();
        try {
            lane.execute(new LaneTask(head.event(), head.attempts(), lane.getQueue(), this::deliver, companions));
        } catch (RejectedExecutionException e) {
            LOG.warn("Dispatch lane full: {} gathered event(s), first {}, left to the relay", held.size(),
                    head.event().eventId());
        }
    }

    private ThreadPoolExecutor lane(String customerId) {
        return lanes[Math.floorMod(customerId.hashCode(), lanes.length)];
    }

    /** Free places in the emptiest lane's queue, so the relay claims no more than can be taken now. */
    @Override
    public int room() {
        int free = 0;
        for (ThreadPoolExecutor lane : lanes) {
            free = Math.max(free, lane.getQueue().remainingCapacity());
        }
        return gathering == null ? free : Math.min(free, gathering.room());
    }

    /** Delivers one customer's events (one, or a batch taken from the lane) in one call; all or none count. */
    private void deliver(List<LaneTask> tasks) {
        long started = System.nanoTime();
        if (clock.instant().isBefore(pausedUntil)) {
            tasks.forEach(t -> defer(t.event.eventId(), t.attempts, "Temporal refused a delivery moments ago; left to the relay"));
            return;
        }
        BillingEvent first = tasks.get(0).event;
        try {
            delivery.deliverAll(LaneTask.events(tasks));
            tasks.forEach(t -> delivered.add(t.event.eventId()));
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                pausedUntil = clock.instant().plus(PAUSE);
            }
            LOG.warn("Temporal did not take {} ({}) and {} more of its customer's: {}; the relay will retry",
                    first.eventId(), first.type(), tasks.size() - 1, e.getClass().getSimpleName());
            tasks.forEach(t -> defer(t.event.eventId(), t.attempts, e.getMessage()));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Dispatched {} (+{}) after {} ms in its lane, {} ms signal-with-start", first.eventId(),
                    tasks.size() - 1, (started - tasks.get(0).queuedAtNanos) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Temporal itself cannot be reached (as opposed to refusing this one event): worth pausing for. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.grpc.StatusRuntimeException s) {
                io.grpc.Status.Code code = s.getStatus().getCode();
                return code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED
                        || code == io.grpc.Status.Code.RESOURCE_EXHAUSTED;
            }
        }
        return false;
    }

    private void defer(String eventId, int attempts, String why) {
        try {
            inbox.retryLater(eventId, attempts, why);
        } catch (RuntimeException e) {
            LOG.warn("Could not note a failed delivery of {}: {} (its lease runs out and the relay retries)", eventId,
                    e.getClass().getSimpleName());
        }
    }

    /** Marks what was delivered since the last flush, in one statement. */
    void flush() {
        List<String> ids = new ArrayList<>();
        delivered.drainTo(ids, 1000);
        if (ids.isEmpty()) {
            return;
        }
        try {
            inbox.markDispatched(ids);
        } catch (RuntimeException e) {
            LOG.warn("Could not mark {} delivered event(s): {}; they will be delivered again (harmless)", ids.size(),
                    e.getClass().getSimpleName());
        }
    }

    /** Waits (bounded) until every queued delivery is done and flushed; for tests and shutdown. */
    public void drain(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while ((busy() || !delivered.isEmpty()) && System.nanoTime() < end) {
            flush();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        flush();
    }

    private boolean busy() {
        if (gathering != null && !gathering.isEmpty()) {
            return true;
        }
        for (ThreadPoolExecutor lane : lanes) {
            if (lane.getActiveCount() > 0 || !lane.getQueue().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void stop() {
        if (gathering != null) {
            gathering.stop();
        }
        for (ThreadPoolExecutor lane : lanes) {
            lane.shutdown();
        }
        try {
            for (ThreadPoolExecutor lane : lanes) {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flusher.shutdown();
        flush();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "memberflow-" + name);
        t.setDaemon(true);
        return t;
    }
}
