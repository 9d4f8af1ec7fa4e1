package io.memberflow.catchup;

import io.memberflow.inbox.Inbox;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What the catch-up reads and keeps in PostgreSQL: its cursor ({@code catch_up_cursor}), and through the {@link Inbox}
 * the newest event there and which event ids it holds.
 */
@Singleton
public class CatchUpStore {
    static final String CURSOR = "stripe-events";

    private final DataSource dataSource;
    private final Inbox inbox;

    public CatchUpStore(DataSource dataSource, Inbox inbox) {
        this.dataSource = dataSource;
        this.inbox = inbox;
    }

    /** Until when every handled event has been checked, if a catch-up ever finished. */
    @Transactional
    public Optional<Instant> coveredUntil() {
        return query("SELECT covered_until FROM catch_up_cursor WHERE name = ?", CURSOR);
    }

    /** Moves the cursor forward to {@code until} (never backwards). */
    @Transactional
    public void advance(Instant until, Instant now) {
        String sql = """
                INSERT INTO catch_up_cursor (name, covered_until, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET covered_until = GREATEST(catch_up_cursor.covered_until, EXCLUDED.covered_until),
                  updated_at = EXCLUDED.updated_at""";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, CURSOR);
            st.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            st.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not move the catch-up cursor: " + e.getMessage(), e);
        }
    }

    /** The {@code created} time of the newest of the most recently received events, if the inbox has any. */
    public Optional<Instant> newestEventInInbox() {
        return inbox.newestEventCreated();
    }

    /** Which of these event ids the inbox already holds. */
    public Set<String> known(Collection<String> eventIds) {
        return inbox.known(eventIds);
    }

    private Optional<Instant> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the catch-up state: " + e.getMessage(), e);
        }
    }
}
