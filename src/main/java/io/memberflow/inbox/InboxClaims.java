package io.memberflow.inbox;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Claims and completes inbox rows across replicas. A row is due when {@code next_attempt_at} has passed; claiming
 * moves it to the end of a lease ({@code FOR UPDATE SKIP LOCKED}, so two replicas never claim the same row), and
 * each new event is recorded already leased to its own process ({@link Inbox#LEASE}). A claimed row whose process
 * dies becomes due again when the lease ends.
 */
@Singleton
class InboxClaims {
    private final DataSource dataSource;

    InboxClaims(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A claimed row: the normalised event JSON and how often delivery was tried. */
    record Claimed(String eventId, String normalized, int attempts) {
    }

    /** Leases up to {@code limit} due undelivered events (oldest due first) until {@code leaseUntil}. */
    @Transactional
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        String sql = """
                UPDATE inbox_event SET next_attempt_at = ?
                WHERE event_id IN (SELECT event_id FROM inbox_event WHERE status = ? AND next_attempt_at <= ?
                                   ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING event_id, normalized, attempts""";
        List<Claimed> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, OffsetDateTime.ofInstant(leaseUntil, ZoneOffset.UTC));
            st.setString(2, InboxStatus.RECEIVED.name());
            st.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            st.setInt(4, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim inbox events: " + e.getMessage(), e);
        }
        return claimed;
    }

    /** Marks delivered events in one statement; returns how many rows changed. */
    @Transactional
    int markDispatched(Collection<String> eventIds, Instant at) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "UPDATE inbox_event SET status = 'DISPATCHED', dispatched_at = ?, last_error = NULL "
                        + "WHERE event_id = ANY (?) AND status = 'RECEIVED'")) {
            Array ids = c.createArrayOf("varchar", eventIds.toArray());
            st.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            st.setArray(2, ids);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark inbox events dispatched: " + e.getMessage(), e);
        }
    }
}
