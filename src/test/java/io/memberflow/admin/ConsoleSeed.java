package io.memberflow.admin;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/** Writes console test data straight into the tables the admin console reads. */
final class ConsoleSeed {
    private final DataSource dataSource;

    ConsoleSeed(DataSource dataSource) {
        // the connection of no transaction: each statement commits on its own
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
    }

    void customer(String id, String email, String state, String plan, String groups, String tags, String attention,
                  Instant updatedAt) {
        update("""
                INSERT INTO customer_view (customer_id, email, email_normalized, state, plan, access_granted, circle_group_ids,
                  kit_tag_ids, override, last_event_id, last_event_type, last_event_at, needs_attention, last_failure,
                  revision, updated_at, attention_reason)
                VALUES (?,?,lower(?),?,?,?,?,?,'NONE','evt_seed','invoice.paid',?,?,NULL,1,?,?)""",
                id, email, email, state, plan, !groups.equals("[]"), groups, tags, Timestamp.from(updatedAt),
                attention != null, Timestamp.from(updatedAt), attention);
    }

    void audit(String customerId, String kind, String detail, Instant at) {
        update("INSERT INTO audit_log (entry_key, at, customer_id, workflow_id, event_id, kind, actor, detail) VALUES (?,?,?,?,NULL,?,'memberflow',?)",
                customerId + ":seed:" + System.nanoTime(), Timestamp.from(at), customerId, "customer-" + customerId, kind, detail);
    }

    void openTask(String customerId, String kind, String summary, Instant createdAt) {
        update("""
                INSERT INTO support_task (task_key, customer_id, kind, cause_event_id, summary, context, status, created_at)
                VALUES (?,?,?,NULL,?,'{}','open',?)""", customerId + ":" + kind, customerId, kind, summary, Timestamp.from(createdAt));
    }

    /** An inbox row the relay leaves alone: DISPATCHED, IGNORED, or NEEDS_CUSTOMER with its look-ups used up. */
    void inbox(String eventId, String type, String status, Instant receivedAt) {
        update("""
                INSERT INTO inbox_event (event_id, event_type, customer_id, status, normalized, payload, received_at,
                  dispatched_at, attempts, next_attempt_at) VALUES (?,?,NULL,?,NULL,'{}',?,?,20,?)""",
                eventId, type, status, Timestamp.from(receivedAt),
                status.equals("DISPATCHED") ? Timestamp.from(receivedAt.plusMillis(40)) : null, Timestamp.from(receivedAt));
    }

    /** {@code n} customers in rotating states, with audit rows and inbox events, in a few set-based statements. */
    void bulk(String prefix, int n) {
        execute("""
                INSERT INTO customer_view (customer_id, email, email_normalized, state, plan, access_granted, circle_group_ids,
                  kit_tag_ids, override, last_event_id, last_event_type, last_event_at, needs_attention, last_failure,
                  revision, updated_at, attention_reason)
                SELECT '%1$s' || i, 'member' || i || '@example.com', 'member' || i || '@example.com',
                  (ARRAY['LEAD','TRIALING','ACTIVE','ACTIVE','ACTIVE','PAST_DUE','SUSPENDED','PAUSED','CANCELED','REFUNDED','BLOCKED'])[1 + i %% 11],
                  'pro', i %% 3 = 0, '[101]', '[9001]', 'NONE', 'evt_%1$s' || i, 'invoice.paid', now() - (i || ' minutes')::interval,
                  i %% 200 = 0, NULL, 1, now() - (i || ' minutes')::interval,
                  CASE WHEN i %% 200 = 0 THEN 'Billing says active, but no e-mail address is known for this customer.' END
                FROM generate_series(1, %2$d) i""".formatted(prefix, n));
        execute("""
                INSERT INTO audit_log (entry_key, at, customer_id, workflow_id, event_id, kind, actor, detail)
                SELECT '%1$s' || i || ':' || k, now() - ((i * 5 + k) || ' seconds')::interval, '%1$s' || i, 'customer-%1$s' || i,
                  NULL, (ARRAY['event','side-effect','side-effect','failure','stripe'])[k],
                  'memberflow', (ARRAY['invoice.paid -> ACTIVE','circle grant access groups [101] done',
                  'kit add tags [9001] done','kit add tags [9001] failed: HTTP 429','read: ACTIVE -> ACTIVE'])[k]
                FROM generate_series(1, %2$d) i, generate_series(1, 5) k""".formatted(prefix, n));
        execute("""
                INSERT INTO inbox_event (event_id, event_type, customer_id, status, normalized, payload, received_at,
                  dispatched_at, attempts, next_attempt_at)
                SELECT 'evt_%1$s' || i, 'invoice.paid', '%1$s' || i, 'DISPATCHED', NULL, '{}', now() - ((i * 7) || ' seconds')::interval,
                  now() - ((i * 7) || ' seconds')::interval, 1, NULL FROM generate_series(1, %2$d) i""".formatted(prefix, n));
        execute("ANALYZE customer_view; ANALYZE audit_log; ANALYZE inbox_event");
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
