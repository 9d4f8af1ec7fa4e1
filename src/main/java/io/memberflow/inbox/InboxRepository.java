package io.memberflow.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/** The inbox's single-row writes and its parked rows (micronaut-data); batch claims are {@link InboxClaims}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InboxRepository extends CrudRepository<InboxEvent, String> {

    /**
     * Records an event unless its id is already there. Returns 1 when this call recorded it, 0 for a
     * duplicate: safe under concurrent deliveries of the same event id. {@code nextAttemptAt} is when the relay
     * may take it: a new event is leased to this process's sink for a while.
     */
    @Query("""
            INSERT INTO inbox_event (event_id, event_type, customer_id, status, normalized, payload, received_at, attempts, next_attempt_at)
            VALUES (:eventId, :eventType, :customerId, :status, :normalized, :payload, :receivedAt, 0, :nextAttemptAt)
            ON CONFLICT (event_id) DO NOTHING""")
    int insertIfAbsent(String eventId, String eventType, @Nullable String customerId, String status,
                       @Nullable String normalized, String payload, Instant receivedAt, Instant nextAttemptAt);

    @Query("""
            UPDATE inbox_event SET attempts = attempts + 1, next_attempt_at = :nextAttemptAt, last_error = :error
            WHERE event_id = :eventId""")
    void markAttemptFailed(String eventId, Instant nextAttemptAt, @Nullable String error);

    /** Events parked without a customer whose next look-up is due (fewer than {@code tries} so far), oldest first. */
    @Query(value = """
            SELECT * FROM inbox_event WHERE status = 'NEEDS_CUSTOMER' AND attempts < :tries AND next_attempt_at <= :now
            ORDER BY received_at LIMIT :limit""", nativeQuery = true)
    List<InboxEvent> findParkedDue(int tries, Instant now, int limit);

    /** A parked event whose customer was found: it becomes an ordinary undelivered event. */
    @Query("""
            UPDATE inbox_event SET status = 'RECEIVED', customer_id = :customerId, normalized = :normalized,
              next_attempt_at = :now, last_error = NULL WHERE event_id = :eventId AND status = 'NEEDS_CUSTOMER'""")
    int markCustomerFound(String eventId, String customerId, String normalized, Instant now);

    long countByStatus(InboxStatus status);
}
