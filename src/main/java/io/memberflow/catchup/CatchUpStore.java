package io.memberflow.catchup;

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
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** What the catch-up reads and keeps in PostgreSQL: its cursor, the newest event in the inbox, known event ids. */
@Singleton
public class CatchUpStore {
    static final String CURSOR = "stripe-events";

    private final DataSource dataSource;

    public CatchUpStore(DataSource dataSource) {
        this.dataSource = dataSource;
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
    @Transactional
    public Optional<Instant> newestEventInInbox() {
        String sql = """
                SELECT max(to_timestamp((payload::jsonb ->> 'created')::bigint)) FROM (
                  SELECT payload FROM inbox_event ORDER BY received_at DESC LIMIT 100) recent""";
        return query(sql, null);
    }

    /** Which of these event ids the inbox already holds. */
    @Transactional
    public Set<String> known(Collection<String> eventIds) {
        Set<String> known = new HashSet<>();
        if (eventIds.isEmpty()) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT event_id FROM inbox_event WHERE event_id = ANY (?)")) {
            st.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up inbox events: " + e.getMessage(), e);
        }
        return known;
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
