package io.memberflow.persistence;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@code circle_quota_usage}: Circle requests spent per month and purpose, added to by every process. */
@Singleton
public class CircleQuotaStore {
    private final DataSource dataSource;

    public CircleQuotaStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds {@code requests} to the month's count for the purpose (an atomic increment, safe across processes). */
    @Transactional
    public void add(String month, String purpose, long requests, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                INSERT INTO circle_quota_usage (month, purpose, requests, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (month, purpose) DO UPDATE SET requests = circle_quota_usage.requests + EXCLUDED.requests,
                  updated_at = EXCLUDED.updated_at""")) {
            st.setString(1, month);
            st.setString(2, purpose);
            st.setLong(3, requests);
            st.setTimestamp(4, Timestamp.from(at));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not count Circle requests: " + e.getMessage(), e);
        }
    }

    /** The month's counts by purpose. */
    @Transactional
    public Map<String, Long> month(String month) {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT purpose, requests FROM circle_quota_usage WHERE month = ?")) {
            st.setString(1, month);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read Circle request counts: " + e.getMessage(), e);
        }
        return counts;
    }
}
