package io.memberflow.kit;

import io.micronaut.core.annotation.Nullable;
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
import java.util.Optional;

/**
 * Kit webhook events taken (by id, so a repeated delivery is a no-op) and the subscribers Kit says unsubscribed,
 * bounced or complained, keyed by the SHA-256 of their address.
 */
@Singleton
public class KitSuppressions {
    private final DataSource dataSource;

    public KitSuppressions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes one event: false when its id was taken before (nothing changes). A suppression reason records (or
     * updates) the subscriber, in the same transaction as the id.
     */
    @Transactional
    public boolean take(KitEvents.KitEvent event, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO kit_webhook_event (event_id, event_type, received_at) VALUES (?, ?, ?)
                    ON CONFLICT (event_id) DO NOTHING""")) {
                st.setString(1, event.id());
                st.setString(2, event.type());
                st.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                if (st.executeUpdate() == 0) {
                    return false;
                }
            }
            if (event.reason() != null && event.emailSha256() != null) {
                try (PreparedStatement st = c.prepareStatement("""
                        INSERT INTO kit_suppression (email_sha256, reason, subscriber_id, kit_event_id, recorded_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (email_sha256) DO UPDATE SET reason = EXCLUDED.reason,
                          subscriber_id = COALESCE(EXCLUDED.subscriber_id, kit_suppression.subscriber_id),
                          kit_event_id = EXCLUDED.kit_event_id, recorded_at = EXCLUDED.recorded_at""")) {
                    st.setString(1, event.emailSha256());
                    st.setString(2, event.reason());
                    st.setString(3, event.subscriberId());
                    st.setString(4, event.id());
                    st.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    st.executeUpdate();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a Kit webhook event: " + e.getMessage(), e);
        }
    }

    /** Why tags must not be added to this address (unsubscribed, bounced, complained), if Kit said so. */
    @Transactional
    public Optional<String> reason(@Nullable String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT reason FROM kit_suppression WHERE email_sha256 = ?")) {
            st.setString(1, KitEvents.sha256(email));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read Kit suppressions: " + e.getMessage(), e);
        }
    }
}
