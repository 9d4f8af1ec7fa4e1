package io.memberflow.persistence;

import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class InboxRepositoryTest implements DatabaseTest {

    @Inject
    InboxRepository inbox;

    private String id(String name) {
        return "evt_repo_" + name + "_" + System.nanoTime();
    }

    @Test
    void givenAnEventIdAlreadyRecorded_thenInsertIfAbsentChangesNothing() {
        String id = id("dup");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(inbox.insertIfAbsent(id, "invoice.paid", "cus_r", "RECEIVED", "{}", "{\"a\":1}", now, now)).isEqualTo(1);
        assertThat(inbox.insertIfAbsent(id, "invoice.paid", "cus_other", "IGNORED", null, "{\"b\":2}", now, now)).isZero();
        InboxEvent row = inbox.findById(id).orElseThrow();
        assertThat(row.customerId()).isEqualTo("cus_r");
        assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
        assertThat(row.payload()).isEqualTo("{\"a\":1}");
    }

    @Test
    void findDueReturnsOnlyUndeliveredEventsWhoseRetryTimeHasCome() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String due = id("due");
        String later = id("later");
        String done = id("done");
        inbox.insertIfAbsent(due, "invoice.paid", "cus_r", "RECEIVED", "{}", "{}", now.minusSeconds(10), now.minusSeconds(10));
        inbox.insertIfAbsent(later, "invoice.paid", "cus_r", "RECEIVED", "{}", "{}", now.minusSeconds(10), now.minusSeconds(10));
        inbox.markAttemptFailed(later, now.plusSeconds(600), "down");
        inbox.insertIfAbsent(done, "invoice.paid", "cus_r", "RECEIVED", "{}", "{}", now.minusSeconds(10), now.minusSeconds(10));
        inbox.markDispatched(done, now);

        var ids = inbox.findDue(now, 1000).stream().map(InboxEvent::eventId).toList();

        assertThat(ids).contains(due).doesNotContain(later, done);
        InboxEvent failed = inbox.findById(later).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("down");
        assertThat(inbox.findById(done).orElseThrow().dispatchedAt()).isNotNull();
    }
}
