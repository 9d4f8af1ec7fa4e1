package io.memberflow.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.activities.AuditEntry;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.activities.SameAddressCustomer;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * JDBC access to {@code customer_view} and {@code audit_log} (plain SQL). The injected DataSource hands out the
 * transaction's connection, so each {@link #write} stores the view and its audit entries together or not at all.
 * Writes are ordered by the workflow task that made them ({@link CustomerSnapshot#taskMillis()}), then by revision: a
 * workflow task that died before completing may have written already (its local activity ran), and the attempt that
 * completes replaces what it left. Within one task the audit log only grows: an entry already on disk is never changed
 * by the same or an earlier task, so a retried write adds nothing.
 */
@Singleton
public class CustomerViewStore {
    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public CustomerViewStore(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /**
     * Writes the snapshot (if from a later task, or a newer revision of the same task) and the audit entries; returns
     * the entries that were new or replaced one an unfinished earlier task had written under the same key.
     */
    @Transactional
    public List<AuditEntry> write(CustomerSnapshot s, List<AuditEntry> entries) {
        List<AuditEntry> added = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO customer_view (customer_id, email, email_normalized, state, plan, access_granted,
                      circle_group_ids, kit_tag_ids, override, last_event_id, last_event_type, last_event_at,
                      needs_attention, last_failure, revision, updated_at, attention_reason, required_group_ids,
                      required_tag_ids, task_millis)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                    ON CONFLICT (customer_id) DO UPDATE SET email = excluded.email,
                      email_normalized = excluded.email_normalized, state = excluded.state, plan = excluded.plan,
                      access_granted = excluded.access_granted, circle_group_ids = excluded.circle_group_ids,
                      kit_tag_ids = excluded.kit_tag_ids, override = excluded.override,
                      last_event_id = excluded.last_event_id, last_event_type = excluded.last_event_type,
                      last_event_at = excluded.last_event_at, needs_attention = excluded.needs_attention,
                      last_failure = excluded.last_failure, revision = excluded.revision, updated_at = excluded.updated_at,
                      attention_reason = excluded.attention_reason, required_group_ids = excluded.required_group_ids,
                      required_tag_ids = excluded.required_tag_ids, task_millis = excluded.task_millis
                    WHERE (coalesce(excluded.task_millis, -1), excluded.revision)
                      > (coalesce(customer_view.task_millis, -1), customer_view.revision)
                      OR (excluded.task_millis IS NOT NULL AND excluded.task_millis = customer_view.task_millis
                          AND excluded.revision = customer_view.revision)""")) {
                int i = 1;
                st.setString(i++, s.customerId());
                st.setString(i++, s.email());
                st.setString(i++, normalizeEmail(s.email()));
                st.setString(i++, s.state());
                st.setString(i++, s.plan());
                st.setBoolean(i++, s.accessGranted());
                st.setString(i++, json(new TreeSet<>(s.circleAccessGroupIds())));
                st.setString(i++, json(new TreeSet<>(s.kitTagIds())));
                st.setString(i++, s.override());
                st.setString(i++, s.lastEventId());
                st.setString(i++, s.lastEventType());
                st.setTimestamp(i++, s.lastEventAt() == null ? null : Timestamp.from(Instant.ofEpochSecond(s.lastEventAt())));
                st.setBoolean(i++, s.needsAttention());
                st.setString(i++, s.lastFailure());
                st.setLong(i++, s.revision());
                st.setTimestamp(i++, Timestamp.from(Instant.now()));
                st.setString(i++, s.attention());
                st.setString(i++, s.requiredGroupIds() == null ? null : json(new TreeSet<>(s.requiredGroupIds())));
                st.setString(i++, s.requiredTagIds() == null ? null : json(new TreeSet<>(s.requiredTagIds())));
                st.setObject(i, s.taskMillis(), java.sql.Types.BIGINT);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO audit_log (entry_key, at, customer_id, workflow_id, event_id, kind, actor, detail,
                      task_millis)
                    VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (entry_key) DO UPDATE SET at = excluded.at,
                      workflow_id = excluded.workflow_id, event_id = excluded.event_id, kind = excluded.kind,
                      actor = excluded.actor, detail = excluded.detail, task_millis = excluded.task_millis
                    WHERE excluded.task_millis >= coalesce(audit_log.task_millis, -1)
                      AND (audit_log.kind, audit_log.actor, audit_log.event_id, audit_log.detail)
                        IS DISTINCT FROM (excluded.kind, excluded.actor, excluded.event_id, excluded.detail)""")) {
                for (AuditEntry e : entries) {
                    st.setString(1, s.customerId() + ":" + e.seq());
                    st.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(e.atMillis())));
                    st.setString(3, s.customerId());
                    st.setString(4, s.workflowId());
                    st.setString(5, e.eventId());
                    st.setString(6, e.kind());
                    st.setString(7, e.actor());
                    st.setString(8, e.text());
                    st.setObject(9, s.taskMillis(), java.sql.Types.BIGINT);
                    st.addBatch();
                }
                int[] counts = st.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        added.add(entries.get(i));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the customer view: " + e.getMessage(), e);
        }
        return added;
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    @Transactional(readOnly = true)
    public Optional<CustomerView> find(String customerId) {
        List<CustomerView> rows = query("SELECT * FROM customer_view WHERE customer_id = ?", customerId);
        return rows.stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<CustomerView> findByEmail(String email) {
        return query("SELECT * FROM customer_view WHERE email_normalized = ? ORDER BY updated_at DESC", normalizeEmail(email));
    }

    @Transactional(readOnly = true)
    public List<CustomerView> needingAttention(int limit) {
        return query("SELECT * FROM customer_view WHERE needs_attention ORDER BY updated_at DESC LIMIT " + Math.max(1, limit), null);
    }

    /** Up to {@code limit} rows with a customer id after {@code afterCustomerId} (null: from the start), by id. */
    @Transactional(readOnly = true)
    public List<CustomerView> pageAfter(String afterCustomerId, int limit) {
        return query("SELECT * FROM customer_view WHERE customer_id > ? ORDER BY customer_id LIMIT "
                + Math.max(1, limit), afterCustomerId == null ? "" : afterCustomerId);
    }

    @Transactional(readOnly = true)
    public List<AuditRow> audit(String customerId, int limit) {
        List<AuditRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT at, kind, actor, event_id, detail FROM audit_log WHERE customer_id = ? ORDER BY id DESC LIMIT ?")) {
            st.setString(1, customerId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail: " + e.getMessage(), e);
        }
        return rows;
    }

    private List<CustomerView> query(String sql, String param) {
        List<CustomerView> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (param != null) {
                st.setString(1, param);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the customer view: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The current row of a {@code SELECT * FROM customer_view …} result. */
    CustomerView row(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("last_event_at");
        return new CustomerView(rs.getString("customer_id"), rs.getString("email"), rs.getString("state"),
                rs.getString("plan"), rs.getBoolean("access_granted"), ids(rs.getString("circle_group_ids")),
                ids(rs.getString("kit_tag_ids")), rs.getString("override"), rs.getString("last_event_id"),
                rs.getString("last_event_type"), at == null ? null : at.toInstant(),
                rs.getBoolean("needs_attention"), rs.getString("last_failure"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("attention_reason"));
    }

    private Set<Long> ids(String json) {
        try {
            return mapper.readValue(json, new TypeReference<TreeSet<Long>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The customers whose address another customer shares (two Stripe customers, one person), e.g. for reconciliation:
     * what one of them was given is not "extra" for the other.
     */
    @Transactional(readOnly = true)
    public List<CustomerView> sharingAnAddress() {
        return query("""
                SELECT * FROM customer_view WHERE email_normalized IN (
                  SELECT email_normalized FROM customer_view WHERE email_normalized IS NOT NULL
                  GROUP BY email_normalized HAVING count(*) > 1)""", null);
    }

    /**
     * The other customers at this address (normalised) and what their billing requires at Circle and Kit; for a row
     * written before requirements were kept, what it holds there.
     */
    @Transactional(readOnly = true)
    public List<SameAddressCustomer> sameAddress(String email, String exceptCustomerId) {
        List<SameAddressCustomer> others = new ArrayList<>();
        if (email == null || email.isBlank()) {
            return others;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT customer_id, circle_group_ids, kit_tag_ids, required_group_ids, required_tag_ids
                FROM customer_view WHERE email_normalized = ? AND customer_id <> ? ORDER BY customer_id""")) {
            st.setString(1, normalizeEmail(email));
            st.setString(2, exceptCustomerId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String groups = rs.getString(4) != null ? rs.getString(4) : rs.getString(2);
                    String tags = rs.getString(5) != null ? rs.getString(5) : rs.getString(3);
                    others.add(new SameAddressCustomer(rs.getString(1), ids(groups), ids(tags)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up customers by address: " + e.getMessage(), e);
        }
        return others;
    }

    /** How many customers there are. */
    @Transactional
    public int customerCount() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM customer_view");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count customers: " + e.getMessage(), e);
        }
    }

    /** The subset of {@code emails} (normalised) that some customer has. */
    @Transactional
    public Set<String> knownEmails(java.util.Collection<String> emails) {
        Set<String> known = new java.util.HashSet<>();
        if (emails.isEmpty()) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT email_normalized FROM customer_view WHERE email_normalized = ANY (?)")) {
            st.setArray(1, c.createArrayOf("varchar", emails.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up customers by e-mail: " + e.getMessage(), e);
        }
        return known;
    }
}
