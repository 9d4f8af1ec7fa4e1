package io.memberflow.sync;

import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.BillingRead;
import io.memberflow.activities.BillingReadRequest;
import io.memberflow.catchup.StandInStripe;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxRows;
import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code BillingActivities.readAfterBurst} on the real inbox table and a stand-in Stripe: it waits the debounce,
 * then reports the customer's events (latest 50) that were recorded when it began to read.
 */
@MicronautTest(transactional = false)
class ReadAfterBurstTest implements DatabaseTest {
    static final StandInStripe STRIPE = new StandInStripe();
    final String tag = Long.toString(System.nanoTime(), 36);

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.stripe.api-key", StandInStripe.KEY, "memberflow.stripe.api-base", STRIPE.base());
    }

    @Inject
    BillingActivities billing;
    @Inject
    InboxRows inbox;

    @AfterAll
    static void stop() throws Exception {
        STRIPE.close();
    }

    private void record(String eventId, String customerId, Instant at) {
        inbox.insertIfAbsent(eventId, "invoice.paid", customerId, "DISPATCHED", "{}", "{}", at, at);
    }

    @Test
    void givenEventsOfTheCustomerInTheInbox_thenTheReadReportsThemAndNoOtherCustomers() {
        String customer = "cus_burst_" + tag;
        Instant now = Instant.now();
        record("evt_a_" + tag, customer, now.minusMillis(30));
        record("evt_b_" + tag, customer, now.minusMillis(20));
        record("evt_other_" + tag, "cus_other_" + tag, now.minusMillis(10));

        long started = System.nanoTime();
        BillingRead read = billing.readAfterBurst(new BillingReadRequest(customer, 200));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(read.coveredEventIds()).containsExactly("evt_b_" + tag, "evt_a_" + tag);
        assertThat(tookMillis).as("the debounce is waited before reading").isGreaterThanOrEqualTo(200);
        assertThat(read.snapshot().customerId()).isEqualTo(customer);
        assertThat(read.snapshot().found()).isFalse(); // the stand-in knows no such customer: not an error
    }

    @Test
    void givenAnEventRecordedAfterTheReadBegan_thenThatReadDoesNotCoverIt() {
        String customer = "cus_late_" + tag;
        record("evt_early_" + tag, customer, Instant.now());
        STRIPE.onCustomerRead = () -> record("evt_late_" + tag, customer, Instant.now()); // while Stripe is read
        BillingRead read;
        try {
            read = billing.readAfterBurst(new BillingReadRequest(customer, 0));
        } finally {
            STRIPE.onCustomerRead = null;
        }
        assertThat(inbox.findById("evt_late_" + tag)).as("recorded during the read").isPresent();

        assertThat(read.coveredEventIds()).containsExactly("evt_early_" + tag).doesNotContain("evt_late_" + tag);
    }

    @Test
    void givenMoreEventsThanTheLimit_thenTheLatestAreReported() {
        String customer = "cus_many_" + tag;
        Instant base = Instant.now().minusSeconds(600);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Inbox.RECENT_IDS + 5; i++) {
            String id = "evt_many_" + i + "_" + tag;
            ids.add(id);
            record(id, customer, base.plusSeconds(i));
        }
        BillingRead read = billing.readAfterBurst(new BillingReadRequest(customer, 0));

        assertThat(read.coveredEventIds()).hasSize(Inbox.RECENT_IDS)
                .contains(ids.get(ids.size() - 1)).doesNotContain(ids.get(0), ids.get(4));
    }
}
