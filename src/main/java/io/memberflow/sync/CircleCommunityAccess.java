package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.observability.Metrics;
import io.memberflow.integrations.circle.CircleClient;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CommunityAccessActivities} on Circle's Admin API v2, or in shadow mode without CIRCLE_API_TOKEN. */
@Singleton
public class CircleCommunityAccess implements CommunityAccessActivities {
    private static final Logger LOG = LoggerFactory.getLogger(CircleCommunityAccess.class);
    private final CircleClient client;
    private final ShadowRecorder shadow;
    private final Metrics metrics;

    public CircleCommunityAccess(IntegrationProperties.Circle properties, ShadowRecorder shadow, Metrics metrics) {
        this.metrics = metrics;
        this.client = properties.enabled() ? new CircleClient(properties.apiUrl(), properties.apiToken()) : null;
        this.shadow = shadow;
        if (client == null) {
            LOG.warn("CIRCLE_API_TOKEN is not set: Circle runs in shadow mode (calls are recorded, not made)");
        }
    }

    @Override
    public void grantAccess(AccessChange change) {
        if (client == null) {
            shadow.record("circle", "grant_access", change.customerId(), change.accessGroupIds(), change.cause());
            ActivityCalls.count(metrics, "circle", "grant_access", "shadow");
            return;
        }
        String email = ActivityCalls.emailFor(change.email(), "Circle", change.customerId());
        try {
            client.ensureMember(email, change.name());
            for (Long group : change.accessGroupIds()) {
                client.addToAccessGroup(group, email);
            }
        } catch (VendorCallException e) {
            throw ActivityCalls.failed(metrics, "circle", "grant_access", e);
        }
        ActivityCalls.count(metrics, "circle", "grant_access", "success");
        LOG.info("Circle access groups {} granted to {} (cause {})", change.accessGroupIds(), change.customerId(), change.cause());
    }

    @Override
    public void revokeAccess(AccessChange change) {
        if (client == null) {
            shadow.record("circle", "revoke_access", change.customerId(), change.accessGroupIds(), change.cause());
            ActivityCalls.count(metrics, "circle", "revoke_access", "shadow");
            return;
        }
        String email = ActivityCalls.emailFor(change.email(), "Circle", change.customerId());
        try {
            for (Long group : change.accessGroupIds()) {
                client.removeFromAccessGroup(group, email);
            }
        } catch (VendorCallException e) {
            throw ActivityCalls.failed(metrics, "circle", "revoke_access", e);
        }
        ActivityCalls.count(metrics, "circle", "revoke_access", "success");
        LOG.info("Circle access groups {} revoked from {} (cause {})", change.accessGroupIds(), change.customerId(), change.cause());
    }
}
