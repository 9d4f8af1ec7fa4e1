package io.memberflow.inbox;

import io.memberflow.domain.BillingEvent;
import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The inbox's protocol against the real {@code inbox_event} table: recording, claims, delivery marks and parking. */
@MicronautTest(transactional = false)
class InboxTest implements DatabaseTest {
    /** Long overdue, so these rows come before any other due row in the shared test database. */
    static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.relay.interval", "1h"); // the tests claim rows themselves
    }

    @Inject
    Inbox inbox;
    @Inject
    InboxRepository rows;
    @Inject
    InboxClaims claims;

    private static String id(String name) {
        return "evt_inbox_" + name + "_" + System.nanoTime();
    }

    private static BillingEvent event(String id, String customer) {
        return BillingEvent.builder(id, "invoice.paid", 1_700_000_000L, customer).subscriptionId("sub_1").build();
    }

    private InboxEvent row(String id) {
        return rows.findById(id).orElseThrow();
    }

    @Test
    void givenAnEventIdAlreadyRecorded_thenRecordingItAgainIsADuplicateThatChangesNothing() {
        String id = id("dup");
        String customer = "cus_inbox_dup" + System.nanoTime();

        assertThat(inbox.record(id, "invoice.paid", customer, InboxStatus.RECEIVED, event(id, customer), "{\"a\":1}")).isTrue();
        assertThat(inbox.record(id, "invoice.paid", "cus_other", InboxStatus.IGNORED, null, "{\"b\":2}")).isFalse();

        InboxEvent row = row(id);
        assertThat(row.customerId()).isEqualTo(customer);
        assertThat(row.payload()).isEqualTo("{\"a\":1}");
        assertThat(row.normalized()).contains("\"eventId\":\"" + id + "\"", "\"customerId\":\"" + customer + "\"");
        assertThat(row.nextAttemptAt()).as("leased to this process's dispatcher")
                .isCloseTo(row.receivedAt().plus(Inbox.LEASE), within(1, ChronoUnit.SECONDS));
    }

    @Test
    void givenAReceivedEventWithoutItsNormalisedForm_thenNothingIsRecorded() {
        String id = id("bare");

        assertThatThrownBy(() -> inbox.record(id, "invoice.paid", "cus_x", InboxStatus.RECEIVED, null, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rows.findById(id)).isEmpty();
    }

    @Test
    void givenDueFailedAndDeliveredRows_thenOnlyTheDueUndeliveredOneIsClaimedAndThenLeased() {
        String due = id("due");
        String failed = id("failed");
        String done = id("done");
        for (String id : List.of(due, failed, done)) {
            // no normalised event: a relay of another test skips them
            rows.insertIfAbsent(id, "invoice.paid", "cus_inbox_claims", "RECEIVED", null, "{}", LONG_AGO, LONG_AGO);
        }
        inbox.retryLater(failed, 0, "Temporal down");
        assertThat(inbox.markDispatched(List.of(done))).isEqualTo(1);
        Instant now = Instant.now();

        List<String> claimed = claims.claimDue(now, now.plusSeconds(30), 3).stream().map(InboxClaims.Claimed::eventId).toList();

        assertThat(claimed).contains(due).doesNotContain(failed, done);
        assertThat(row(due).nextAttemptAt()).isCloseTo(now.plusSeconds(30), within(1, ChronoUnit.SECONDS));
        assertThat(row(failed).attempts()).isEqualTo(1);
        assertThat(row(failed).lastError()).isEqualTo("Temporal down");
        assertThat(row(failed).nextAttemptAt()).isAfter(now);
        assertThat(row(done).status()).isEqualTo(InboxStatus.DISPATCHED);
        assertThat(row(done).dispatchedAt()).isNotNull();
        inbox.markDispatched(List.of(due, failed));
    }

    @Test
    void givenDeliveredEvents_thenTheyAreMarkedInOneStatementOnlyOnce() {
        String a = id("a");
        String b = id("b");
        for (String id : List.of(a, b)) {
            rows.insertIfAbsent(id, "invoice.paid", "cus_inbox_mark", "RECEIVED", null, "{}", Instant.now(), Instant.now());
        }

        assertThat(inbox.markDispatched(List.of(a, b, "evt_never_recorded"))).isEqualTo(2);
        assertThat(inbox.markDispatched(List.of(a, b))).isZero();
        assertThat(inbox.markDispatched(List.of())).isZero();
        assertThat(row(a).status()).isEqualTo(InboxStatus.DISPATCHED);
    }

    @Test
    void givenAParkedEvent_thenItWaitsLongerAfterEachMissAndBecomesDeliverableOnceItsCustomerIsFound() {
        String id = id("parked");
        assertThat(inbox.record(id, "charge.dispute.created", null, InboxStatus.NEEDS_CUSTOMER, null, "{\"p\":1}")).isTrue();
        assertThat(row(id).nextAttemptAt()).as("not leased: nobody delivers it").isCloseTo(row(id).receivedAt(),
                within(1, ChronoUnit.MILLIS));

        Inbox.Parked parked = inbox.parkedDue(1000).stream().filter(p -> p.eventId().equals(id)).findFirst().orElseThrow();
        assertThat(parked.payload()).isEqualTo("{\"p\":1}");
        inbox.parkedNotFound(parked);

        assertThat(inbox.parkedDue(1000)).extracting(Inbox.Parked::eventId).doesNotContain(id);
        assertThat(row(id).attempts()).isEqualTo(1);
        assertThat(row(id).nextAttemptAt()).isAfter(Instant.now().plus(Inbox.backoff(1).multipliedBy(9)));

        inbox.customerFound(id, BillingEvent.builder(id, "charge.dispute.created", 1_700_000_000L, "cus_found").build());

        InboxEvent found = row(id);
        assertThat(found.status()).isEqualTo(InboxStatus.RECEIVED);
        assertThat(found.customerId()).isEqualTo("cus_found");
        assertThat(found.normalized()).contains("\"customerId\":\"cus_found\"");
        assertThat(found.nextAttemptAt()).isBeforeOrEqualTo(Instant.now());
        inbox.markDispatched(List.of(id));
    }

    @Test
    void backoffDoublesFromTwoSecondsUpToOneMinute() {
        assertThat(Inbox.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Inbox.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Inbox.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Inbox.backoff(30)).isEqualTo(Duration.ofMinutes(1));
    }
}
