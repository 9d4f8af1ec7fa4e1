package io.memberflow.persistence;

import io.memberflow.persistence.ConsoleRows.AttentionRow;
import io.memberflow.persistence.ConsoleRows.InboxHealth;
import io.memberflow.persistence.ConsoleRows.MemberPage;
import io.memberflow.persistence.ConsoleRows.ParkedEvent;
import io.memberflow.persistence.ConsoleRows.VendorAudit;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin console's reads (plain SQL over {@code customer_view}, {@code inbox_event}, {@code support_task} and
 * {@code audit_log}); every query is served by an index of V3–V5, so the overview stays fast at 10,000 customers.
 */
@Singleton
public class ConsoleStore {
    private static final int PARKED_SHOWN = 50;
    private final DataSource dataSource;
    private final CustomerViewStore views;

    public ConsoleStore(DataSource dataSource, CustomerViewStore views) {
        this.dataSource = dataSource;
        this.views = views;
    }

    /** How many customers are in each state (states with none are absent). */
    @Transactional(readOnly = true)
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        run("SELECT state, count(*) FROM customer_view GROUP BY state ORDER BY state", List.of(), rs -> {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        });
        return counts;
    }

    /**
     * Members in a state and/or matching a search, ordered by customer id. The search matches a customer id by
     * prefix and an e-mail address anywhere in it (case-insensitive).
     */
    @Transactional(readOnly = true)
    public MemberPage members(String state, String search, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (state != null && !state.isBlank()) {
            where.append(" AND state = ?");
            params.add(state);
        }
        if (search != null && !search.isBlank()) {
            String term = likeEscape(search.trim());
            where.append(" AND (customer_id LIKE ? OR email_normalized LIKE ?)");
            params.add(term + "%");
            params.add("%" + CustomerViewStore.normalizeEmail(term) + "%");
        }
        long[] total = {0};
        run("SELECT count(*) FROM customer_view" + where, params, rs -> total[0] = rs.next() ? rs.getLong(1) : 0);
        List<Object> paged = new ArrayList<>(params);
        paged.add(limit);
        paged.add(offset);
        List<CustomerView> rows = new ArrayList<>();
        run("SELECT * FROM customer_view" + where + " ORDER BY customer_id LIMIT ? OFFSET ?", paged, rs -> {
            while (rs.next()) {
                rows.add(views.row(rs));
            }
        });
        return new MemberPage(rows, total[0], limit, offset);
    }

    @Transactional(readOnly = true)
    public InboxHealth inbox(Instant now) {
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

    /**
     * A vendor's calls from the audit trail: successes are {@code successKind} entries and failures {@code failure}
     * entries whose text starts with {@code prefix} (as the workflow writes them: "circle grant …", "stripe read …").
     */
    @Transactional(readOnly = true)
    public VendorAudit vendor(String vendor, String successKind, String successPrefix, String failurePrefix, Instant since) {
        Object[] row = new Object[6];
        run("""
                SELECT (SELECT max(at) FROM audit_log WHERE kind = ? AND detail LIKE ?),
                  (SELECT count(*) FROM audit_log WHERE kind = ? AND detail LIKE ? AND at > ?),
                  (SELECT count(*) FROM audit_log WHERE kind = 'failure' AND detail LIKE ? AND at > ?)""",
                List.of(successKind, successPrefix + "%", successKind, successPrefix + "%", Timestamp.from(since),
                        failurePrefix + "%", Timestamp.from(since)), rs -> {
                    rs.next();
                    row[0] = instant(rs.getTimestamp(1));
                    row[1] = rs.getLong(2);
                    row[2] = rs.getLong(3);
                });
        run("SELECT at, detail FROM audit_log WHERE kind = 'failure' AND detail LIKE ? ORDER BY at DESC LIMIT 1",
                List.of(failurePrefix + "%"), rs -> {
                    if (rs.next()) {
                        row[3] = instant(rs.getTimestamp(1));
                        row[4] = rs.getString(2);
                    }
                });
        long failures = (Long) row[2];
        return new VendorAudit(vendor, (Instant) row[0], (Instant) row[3], (String) row[4], (Long) row[1] + failures, failures);
    }

    /** Customers flagged for attention, longest-waiting first. */
    @Transactional(readOnly = true)
    public List<AttentionRow> needingAttention(int limit) {
        List<AttentionRow> rows = new ArrayList<>();
        run("""
                SELECT v.*, coalesce((SELECT min(t.created_at) FROM support_task t
                  WHERE t.customer_id = v.customer_id AND t.status = 'open'), v.updated_at) AS since
                FROM customer_view v WHERE v.needs_attention ORDER BY since LIMIT ?""", List.of(limit), rs -> {
            while (rs.next()) {
                rows.add(new AttentionRow(views.row(rs), instant(rs.getTimestamp("since"))));
            }
        });
        return rows;
    }

    private interface Reader {
        void read(ResultSet rs) throws SQLException;
    }

    private void run(String sql, List<Object> params, Reader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read for the admin console: " + e.getMessage(), e);
        }
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
