package io.memberflow.inbox;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * For tests in other packages: reads an inbox row as it is stored, and writes rows with chosen times (fixtures),
 * through the package's own repository. The service itself goes through {@link Inbox} only.
 */
@Singleton
public class InboxRows {
    private final InboxRepository rows;

    InboxRows(InboxRepository rows) {
        this.rows = rows;
    }

    public Optional<InboxEvent> findById(String eventId) {
        return rows.findById(eventId);
    }

    /** A row as if recorded at {@code receivedAt} and due at {@code due}; 0 when the id is there already. */
    public int insertIfAbsent(String eventId, String type, @Nullable String customerId, String status,
                              @Nullable String normalized, String payload, Instant receivedAt, Instant due) {
        return rows.insertIfAbsent(eventId, type, customerId, status, normalized, payload, receivedAt, due);
    }

    /** Makes a row due at {@code at} (counting one more attempt), as a failed try would. */
    public void dueAt(String eventId, Instant at, String error) {
        rows.markAttemptFailed(eventId, at, error);
    }
}
