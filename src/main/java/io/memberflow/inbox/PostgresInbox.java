package io.memberflow.inbox;

import io.memberflow.domain.BillingEvent;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Inbox} on PostgreSQL. Every write is one statement in its own transaction, so what a method returned is
 * committed (with {@code synchronous_commit} on, the default, also flushed to disk). The sink is looked up lazily:
 * it exists only in the web roles, and it uses this inbox itself to mark what it delivered.
 */
@Singleton
class PostgresInbox implements Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresInbox.class);

    private final InboxRepository rows;
    private final InboxClaims claims;
    private final InboxQueries queries;
    private final EventJson json;
    private final BeanProvider<EventSink> sinks;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock = Clock.systemUTC();

    PostgresInbox(InboxRepository rows, InboxClaims claims, InboxQueries queries, EventJson json,
                  BeanProvider<EventSink> sinks, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.transactions = transactions;
        this.claims = claims;
        this.queries = queries;
        this.json = json;
        this.sinks = sinks;
    }

    @Override
    public boolean record(String eventId, String type, @Nullable String customerId, InboxStatus status,
                          @Nullable BillingEvent event, String payload) {
        EventSink sink = status == InboxStatus.RECEIVED && sinks.isPresent() ? sinks.get() : null;
        // Leased to this process's sink for a while; without one (worker role), due now for a web process's relay.
        if (!insert(eventId, type, customerId, status, event, payload, sink != null ? LEASE : Duration.ZERO)) {
            return false;
        }
        if (sink != null && !sink.offer(event, 0)) {
            LOG.warn("Dispatch queue full: {} left to the relay", eventId);
        }
        return true;
    }

    @Override
    public void rehearse(String eventId, String type, @Nullable String customerId, InboxStatus status,
                         @Nullable BillingEvent event, String payload) {
        // A transaction of its own, even inside a caller's: rolling it back must never touch anything else.
        transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), tx -> {
            insert(eventId, type, customerId, status, event, payload, LEASE);
            tx.setRollbackOnly();
            return null;
        });
    }

    /** The one INSERT of {@link #record} and {@link #rehearse}; true when this call inserted the row. */
    private boolean insert(String eventId, String type, @Nullable String customerId, InboxStatus status,
                           @Nullable BillingEvent event, String payload, Duration dueIn) {
        if ((status == InboxStatus.RECEIVED) != (event != null)) {
            throw new IllegalArgumentException("a RECEIVED event, and only one, carries its normalised event");
        }
        Instant now = clock.instant();
        return rows.insertIfAbsent(eventId, type, customerId, status.name(), event == null ? null : json.write(event),
                payload, now, now.plus(dueIn)) == 1;
    }

    @Override
    public int markDispatched(Collection<String> eventIds) {
        return claims.markDispatched(eventIds, clock.instant());
    }

    @Override
    public void retryLater(String eventId, int attempts, @Nullable String error) {
        rows.markAttemptFailed(eventId, clock.instant().plus(Inbox.backoff(attempts + 1)), shorten(error));
    }

    @Override
    public List<Parked> parkedDue(int limit) {
        return rows.findParkedDue(PARKED_TRIES, clock.instant(), limit).stream()
                .map(row -> new Parked(row.eventId(), row.payload(), row.attempts())).toList();
    }

    @Override
    public void parkedNotFound(Parked parked) {
        rows.markAttemptFailed(parked.eventId(), clock.instant().plus(Inbox.backoff(parked.attempts() + 1).multipliedBy(10)),
                "customer not found through Stripe");
    }

    @Override
    public void customerFound(String eventId, BillingEvent event) {
        rows.markCustomerFound(eventId, event.customerId(), json.write(event), clock.instant());
    }

    @Override
    public List<String> recentIds(String customerId) {
        return queries.recentIds(customerId, RECENT_IDS);
    }

    @Override
    public Set<String> known(Collection<String> eventIds) {
        return queries.known(eventIds);
    }

    @Override
    public Optional<Instant> newestEventCreated() {
        return queries.newestEventCreated();
    }

    @Override
    public long backlog() {
        return rows.countByStatus(InboxStatus.RECEIVED);
    }

    @Override
    public InboxHealth health(Instant now) {
        return queries.health(now);
    }

    /** {@code last_error} keeps 900 characters at most. */
    private static String shorten(String message) {
        return message == null || message.length() <= 900 ? message : message.substring(0, 900);
    }
}
