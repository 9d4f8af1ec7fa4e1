package io.memberflow.dispatch;

import io.memberflow.config.DispatchProperties;
import io.memberflow.domain.BillingEvent;
import io.memberflow.inbox.Inbox;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** With {@code memberflow.dispatch.gather}, a customer's events arriving within the window go as one call. */
class EventDispatcherGatherTest {
    private static final Duration WINDOW = Duration.ofMillis(300);
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private final WorkflowDelivery delivery = new WorkflowDelivery() {
        @Override
        public void deliver(BillingEvent event) {
            deliverAll(List.of(event));
        }

        @Override
        public void deliverAll(List<BillingEvent> events) {
            calls.add(events.stream().map(BillingEvent::eventId).toList());
        }
    };
    private EventDispatcher dispatcher;

    private EventDispatcher dispatcher(int queue, boolean batchSignals) {
        dispatcher = new EventDispatcher(delivery, mock(Inbox.class),
                new DispatchProperties(2, queue, batchSignals, WINDOW));
        return dispatcher;
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    private static BillingEvent event(String id, String customer) {
        return BillingEvent.builder(id, "invoice.paid", 1, customer).build();
    }

    @Test
    void givenACustomersEventsWithinTheWindow_thenTheyGoAsOneCallInArrivalOrderAfterTheWindow() {
        EventDispatcher d = dispatcher(100, true);
        long start = System.nanoTime();
        for (BillingEvent e : List.of(event("evt_a1", "cus_a"), event("evt_b1", "cus_b"),
                event("evt_a2", "cus_a"), event("evt_a3", "cus_a"))) {
            assertThat(d.offer(e, 0)).isTrue();
        }
        assertThat(calls).isEmpty(); // held, not yet delivered

        d.drain(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(WINDOW);
        assertThat(calls).containsExactlyInAnyOrder(List.of("evt_a1", "evt_a2", "evt_a3"), List.of("evt_b1"));
    }

    @Test
    void givenAnEventAfterTheCustomersWindowClosed_thenItGoesInALaterCall() {
        EventDispatcher d = dispatcher(100, true);
        d.offer(event("evt_a1", "cus_a"), 0);
        d.drain(Duration.ofSeconds(5));
        d.offer(event("evt_a2", "cus_a"), 0);
        d.drain(Duration.ofSeconds(5));

        assertThat(calls).containsExactly(List.of("evt_a1"), List.of("evt_a2"));
    }

    @Test
    void givenAsManyHeldAsTheQueueTakes_thenTheNextIsRefusedForTheRelay() {
        EventDispatcher d = dispatcher(2, true);
        assertThat(d.offer(event("evt_a1", "cus_a"), 0)).isTrue();
        assertThat(d.offer(event("evt_b1", "cus_b"), 0)).isTrue();

        assertThat(d.room()).isZero();
        assertThat(d.offer(event("evt_c1", "cus_c"), 0)).isFalse();
        d.drain(Duration.ofSeconds(5));
        assertThat(calls).containsExactlyInAnyOrder(List.of("evt_a1"), List.of("evt_b1"));
        assertThat(d.room()).isPositive();
    }

    @Test
    void givenACustomerWithAFullBatchHeld_thenTheirNextEventIsRefusedAndTheBatchStaysWhole() {
        EventDispatcher d = dispatcher(1000, true);
        for (int i = 0; i < LaneTask.MAX_BATCH; i++) {
            assertThat(d.offer(event("evt_" + i, "cus_a"), 0)).isTrue();
        }
        assertThat(d.offer(event("evt_over", "cus_a"), 0)).isFalse();

        d.drain(Duration.ofSeconds(5));

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).hasSize(LaneTask.MAX_BATCH).startsWith("evt_0", "evt_1").endsWith("evt_49");
    }

    @Test
    void givenBatchSignalsOff_thenNothingIsHeld() {
        EventDispatcher d = dispatcher(100, false);
        d.offer(event("evt_a1", "cus_a"), 0);
        d.offer(event("evt_a2", "cus_a"), 0);
        d.drain(Duration.ofSeconds(5));

        assertThat(calls).containsExactly(List.of("evt_a1"), List.of("evt_a2"));
    }

    @Test
    void givenAGatherWindowBeyondOneSecondOrNegative_thenTheSettingIsRefused() {
        assertThatThrownBy(() -> new DispatchProperties(8, 100, true, Duration.ofMillis(1001)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("memberflow.dispatch.gather");
        assertThatThrownBy(() -> new DispatchProperties(8, 100, true, Duration.ofMillis(-1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("memberflow.dispatch.gather");
    }
}
