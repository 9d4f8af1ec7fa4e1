package io.memberflow.dispatch;

import io.memberflow.config.DispatchProperties;
import io.memberflow.domain.BillingEvent;
import io.memberflow.inbox.Inbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** A lane delivers a customer's events already queued behind the one it picks up as one call, in arrival order. */
class EventDispatcherBatchTest {
    private final Inbox inbox = mock(Inbox.class);
    private final List<String> marked = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private EventDispatcher dispatcher;

    /** Records each call by its event ids; the first call waits for {@link #release} so others queue behind it. */
    private class RecordingDelivery implements WorkflowDelivery {
        volatile RuntimeException failure;

        @Override
        public void deliver(BillingEvent event) {
            deliverAll(List.of(event));
        }

        @Override
        public void deliverAll(List<BillingEvent> events) {
            boolean first = calls.isEmpty();
            calls.add(events.stream().map(BillingEvent::eventId).toList());
            if (first) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null && !first) {
                throw failure;
            }
        }
    }

    private final RecordingDelivery delivery = new RecordingDelivery();

    private EventDispatcher dispatcher(boolean batchSignals) {
        doAnswer(a -> {
            Collection<String> ids = a.getArgument(0);
            marked.addAll(ids);
            return ids.size();
        }).when(inbox).markDispatched(any());
        dispatcher = new EventDispatcher(delivery, inbox, new DispatchProperties(1, 100, batchSignals, Duration.ZERO));
        return dispatcher;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    private static BillingEvent event(String id, String customer) {
        return BillingEvent.builder(id, "invoice.paid", 1, customer).build();
    }

    /** Submits a first event that holds the lane, then the rest, then lets the lane go on. */
    private void submitBehindABusyLane(EventDispatcher d, BillingEvent... rest) throws InterruptedException {
        d.offer(event("evt_hold", "cus_a"), 0);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (calls.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        for (BillingEvent e : rest) {
            assertThat(d.offer(e, 0)).isTrue();
        }
        release.countDown();
        d.drain(Duration.ofSeconds(5));
    }

    @Test
    void givenACustomersEventsQueuedTogether_thenTheyGoAsOneCallInArrivalOrder() throws InterruptedException {
        submitBehindABusyLane(dispatcher(true), event("evt_b1", "cus_b"), event("evt_a1", "cus_a"),
                event("evt_a2", "cus_a"), event("evt_b2", "cus_b"), event("evt_a3", "cus_a"));

        assertThat(calls).containsExactly(List.of("evt_hold"), List.of("evt_b1", "evt_b2"),
                List.of("evt_a1", "evt_a2", "evt_a3"));
        assertThat(marked).containsExactlyInAnyOrder("evt_hold", "evt_b1", "evt_b2", "evt_a1", "evt_a2", "evt_a3");
    }

    @Test
    void givenBatchSignalsOff_thenEachEventIsItsOwnCall() throws InterruptedException {
        submitBehindABusyLane(dispatcher(false), event("evt_a1", "cus_a"), event("evt_a2", "cus_a"));

        assertThat(calls).containsExactly(List.of("evt_hold"), List.of("evt_a1"), List.of("evt_a2"));
    }

    @Test
    void givenTheBatchCallFails_thenEveryEventOfTheBatchIsDeferredAndNoneMarkedDelivered() throws InterruptedException {
        delivery.failure = new IllegalStateException("refused");

        submitBehindABusyLane(dispatcher(true), event("evt_a1", "cus_a"), event("evt_a2", "cus_a"));

        assertThat(calls).containsExactly(List.of("evt_hold"), List.of("evt_a1", "evt_a2"));
        assertThat(marked).containsExactly("evt_hold");
        verify(inbox).retryLater(eq("evt_a1"), eq(0), eq("refused"));
        verify(inbox).retryLater(eq("evt_a2"), eq(0), eq("refused"));
        verify(inbox, never()).retryLater(eq("evt_hold"), anyInt(), anyString());
    }

    @Test
    void givenMoreQueuedThanOneBatchHolds_thenTheRestGoInTheNextCall() throws InterruptedException {
        List<BillingEvent> many = new ArrayList<>();
        for (int i = 0; i < LaneTask.MAX_BATCH + 3; i++) {
            many.add(event("evt_" + i, "cus_a"));
        }
        submitBehindABusyLane(dispatcher(true), many.toArray(BillingEvent[]::new));

        assertThat(calls).hasSize(3);
        assertThat(calls.get(1)).hasSize(LaneTask.MAX_BATCH).startsWith("evt_0", "evt_1");
        assertThat(calls.get(2)).containsExactly("evt_50", "evt_51", "evt_52");
    }
}
