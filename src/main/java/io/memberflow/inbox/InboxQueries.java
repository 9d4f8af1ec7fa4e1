package io.memberflow.inbox;

import io.memberflow.inbox.InboxHealth.ParkedEvent;
import io.memberflow.persistence.JdbcReads;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inbox's reads in plain SQL: a customer's recent ids (index {@code inbox_event_customer}), what the catch-up
 * compares with Stripe's event list, and the admin console's inbox health (indexes of V5).
 */
@Singleton
class InboxQueries {
    private static final int PARKED_SHOWN = 50;
    private final DataSource dataSource;
    /** Outside any transaction: what is committed at the moment of the query. */
    private final DataSource committed;

    InboxQueries(DataSource dataSource) {
        this.dataSource = dataSource;
        this.committed = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    List<String> recentIds(String customerId, int limit) {
        List<String> ids = new ArrayList<>();
        JdbcReads.query(committed, "the inbox", """
                SELECT event_id FROM inbox_event WHERE customer_id = ? ORDER BY received_at DESC LIMIT ?""",
                List.of(customerId, limit), rs -> {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                });
        return ids;
    }

    @Transactional
    Set<String> known(Collection<String> eventIds) {
        Set<String> known = new HashSet<>();
        if (eventIds.isEmpty()) {
            return known;
        }
        run("SELECT event_id FROM inbox_event WHERE event_id = ANY (?)", List.of(eventIds), rs -> {
            while (rs.next()) {
                known.add(rs.getString(1));
            }
        });
        return known;
    }

    @Transactional
    Optional<Instant> newestEventCreated() {
        Instant[] newest = new Instant[1];
        run("""
                SELECT max(to_timestamp((payload::jsonb ->> 'created')::bigint)) FROM (
                  SELECT payload FROM inbox_event ORDER BY received_at DESC LIMIT 100) recent""", List.of(), rs -> {
            if (rs.next()) {
                OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                newest[0] = at == null ? null : at.toInstant();
            }
        });
        return Optional.ofNullable(newest[0]);
    }

    @Transactional(readOnly = true)
    InboxHealth health(Instant now) {
        Instant[] last = new Instant[3];
        long[] counts = new long[2];
        run("""
                SELECT (SELECT max(received_at) FROM inbox_event), (SELECT max(dispatched_at) FROM inbox_event),
                  (SELECT count(*) FROM inbox_event WHERE status = 'RECEIVED'),
                  (SELECT min(received_at) FROM inbox_event WHERE status = 'RECEIVED'),
                  (SELECT count(*) FROM inbox_event WHERE status = 'NEEDS_CUSTOMER')""", List.of(), rs -> {
            rs.next();
            last[0] = instant(rs.getTimestamp(1));
            last[1] = instant(rs.getTimestamp(2));
            counts[0] = rs.getLong(3);
            last[2] = instant(rs.getTimestamp(4));
            counts[1] = rs.getLong(5);
        });
        List<ParkedEvent> parked = new ArrayList<>();
        run("""
                SELECT event_id, event_type, received_at, attempts, last_error FROM inbox_event
                WHERE status = 'NEEDS_CUSTOMER' ORDER BY received_at LIMIT ?""", List.of(PARKED_SHOWN), rs -> {
            while (rs.next()) {
                parked.add(new ParkedEvent(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), rs.getInt(4),
                        rs.getString(5)));
            }
        });
        int[] perMinute = new int[60];
        Instant from = now.minus(Duration.ofMinutes(60));
        run("SELECT received_at FROM inbox_event WHERE received_at > ? AND received_at <= ?",
                List.of(Timestamp.from(from), Timestamp.from(now)), rs -> {
                    while (rs.next()) {
                        long minute = Duration.between(from, rs.getTimestamp(1).toInstant()).toMinutes();
                        perMinute[(int) Math.min(59, Math.max(0, minute))]++;
                    }
                });
        return new InboxHealth(last[0], last[1], counts[0], last[2], counts[1], parked, perMinute);
    }

    /** Runs a query on the transaction's connection, if there is one; a {@link Collection} parameter is a varchar[]. */
    private void run(String sql, List<Object> params, JdbcReads.Reader reader) {
        JdbcReads.query(dataSource, "the inbox", sql, params, reader);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
