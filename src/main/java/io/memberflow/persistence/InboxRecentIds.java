package io.memberflow.persistence;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of a customer's latest events in the inbox (index {@code inbox_event_customer}), read outside any
 * transaction: what is committed at the moment of the query.
 */
@Singleton
public class InboxRecentIds {
    /** Enough for any burst still in flight to a workflow; older events were applied long ago. */
    public static final int LIMIT = 50;
    private final DataSource dataSource;

    public InboxRecentIds(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public List<String> latest(String customerId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("""
                     SELECT event_id FROM inbox_event WHERE customer_id = ? ORDER BY received_at DESC LIMIT ?""")) {
            st.setString(1, customerId);
            st.setInt(2, LIMIT);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the inbox: " + e.getMessage(), e);
        }
    }
}
