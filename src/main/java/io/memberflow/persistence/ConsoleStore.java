package io.memberflow.persistence;

import io.memberflow.persistence.ConsoleRows.AttentionRow;
import io.memberflow.persistence.ConsoleRows.MemberPage;
import io.memberflow.persistence.ConsoleRows.VendorAudit;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin console's reads (plain SQL over {@code customer_view}, {@code support_task} and {@code audit_log}; the
 * inbox's health comes from {@code io.memberflow.inbox.Inbox}); every query is served by an index of V3–V5, so the
 * overview stays fast at 10,000 customers.
 */
@Singleton
public class ConsoleStore {
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

    private void run(String sql, List<Object> params, JdbcReads.Reader reader) {
        JdbcReads.query(dataSource, "for the admin console", sql, params, reader);
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
