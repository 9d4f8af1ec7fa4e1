package io.memberflow.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Customers' Circle community member ids ({@code circle_member}) and the listed ids a reconciliation looked up
 * without finding a customer ({@code circle_member_lookup}, by the SHA-256 of the address, never the address).
 * Every write is an upsert, so repeating one changes nothing.
 */
@Singleton
public class CircleMemberStore {
    public static final String GRANT = "grant";
    public static final String RECONCILE = "reconcile";

    /** A looked-up member: {@code emailSha256} null when Circle had no such member. */
    public record Lookup(long communityMemberId, @Nullable String emailSha256, Instant lookedUpAt) {
    }

    private final DataSource dataSource;

    public CircleMemberStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records (or moves) the customer's member id. */
    @Transactional
    public void record(String customerId, long communityMemberId, String source, Instant at) {
        update("""
                INSERT INTO circle_member (customer_id, community_member_id, source, recorded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET community_member_id = EXCLUDED.community_member_id,
                  source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
                WHERE circle_member.community_member_id <> EXCLUDED.community_member_id""", st -> {
            st.setString(1, customerId);
            st.setLong(2, communityMemberId);
            st.setString(3, source);
            st.setTimestamp(4, Timestamp.from(at));
        });
    }

    /** Every recorded member id with its customers (usually one; several when customers share an address). */
    @Transactional
    public Map<Long, Set<String>> customersByMember() {
        Map<Long, Set<String>> all = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT community_member_id, customer_id FROM circle_member");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                all.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read Circle member ids: " + e.getMessage(), e);
        }
        return all;
    }

    /** The customer's recorded member id, if any. */
    @Transactional
    public Optional<Long> memberOf(String customerId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT community_member_id FROM circle_member WHERE customer_id = ?")) {
            st.setString(1, customerId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a Circle member id: " + e.getMessage(), e);
        }
    }

    @Transactional
    public Optional<Lookup> lookup(long communityMemberId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT email_sha256, looked_up_at FROM circle_member_lookup WHERE community_member_id = ?")) {
            st.setLong(1, communityMemberId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Lookup(communityMemberId, rs.getString(1), rs.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a Circle member lookup: " + e.getMessage(), e);
        }
    }

    /** Remembers what a lookup found: the address's hash, or null for no such member. */
    @Transactional
    public void remember(long communityMemberId, @Nullable String emailSha256, Instant at) {
        update("""
                INSERT INTO circle_member_lookup (community_member_id, email_sha256, looked_up_at) VALUES (?, ?, ?)
                ON CONFLICT (community_member_id) DO UPDATE SET email_sha256 = EXCLUDED.email_sha256,
                  looked_up_at = EXCLUDED.looked_up_at""", st -> {
            st.setLong(1, communityMemberId);
            st.setString(2, emailSha256);
            st.setTimestamp(3, Timestamp.from(at));
        });
    }

    /** The customers whose address has this hash ({@link #sha256}). */
    @Transactional
    public Set<String> customersWithEmailSha256(String emailSha256) {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT customer_id FROM customer_view WHERE email_sha256(email_normalized) = ?")) {
            st.setString(1, emailSha256);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not find customers by address: " + e.getMessage(), e);
        }
        return ids;
    }

    /** SHA-256 (hex) of the trimmed, lower-cased address, as PostgreSQL computes it over {@code email_normalized}. */
    public static String sha256(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CustomerViewStore.normalizeEmail(email).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write Circle member ids: " + e.getMessage(), e);
        }
    }
}
