package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.observability.Metrics;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.persistence.CircleMemberStore;
import io.memberflow.quota.CircleQuota;
import jakarta.inject.Singleton;
import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * {@link CommunityAccessActivities} on Circle's Admin API v2, or in shadow mode without CIRCLE_API_TOKEN. A grant
 * records the customer's Circle member id ({@link CircleMemberStore}), which reconciliation matches group listings by.
 * Every request is counted against Circle's monthly quota as live spending ({@link CircleQuota}), never refused.
 */
@Singleton
public class CircleCommunityAccess implements CommunityAccessActivities {
    private static final Logger LOG = LoggerFactory.getLogger(CircleCommunityAccess.class);
    private final CircleClient client;
    private final VendorCalls calls;
    private final CircleMemberStore members;

    public CircleCommunityAccess(IntegrationProperties.Circle properties, ShadowRecorder shadow, Metrics metrics,
                                 CircleMemberStore members, CircleQuota quota) {
        this.client = properties.enabled() ? new CircleClient(properties.apiUrl(), properties.apiToken(),
                VendorHttp.defaultHttpClient().newBuilder().addInterceptor(quota.interceptor(CircleQuota.Purpose.LIVE)).build())
                : null;
        this.calls = new VendorCalls("circle", "Circle", client != null, "CIRCLE_API_TOKEN", shadow, metrics);
        this.members = members;
    }

    @Override
    public void grantAccess(AccessChange change) {
        grant(change, attempt());
    }

    void grant(AccessChange change, int attempt) {
        boolean made = calls.make("grant_access", change.customerId(), change.email(), change.accessGroupIds(),
                change.cause(), email -> {
                    remember(change.customerId(), client.ensureMember(email, change.name()).id());
                    boolean retry = attempt > 1;
                    for (Long group : change.accessGroupIds()) {
                        // a retry may follow a grant Circle made but the worker could not report: look first
                        if (!(retry && client.isInAccessGroup(group, email))) {
                            client.addToAccessGroup(group, email);
                        }
                    }
                });
        if (made) {
            LOG.info("Circle access groups {} granted to {} (cause {})", change.accessGroupIds(), change.customerId(),
                    change.cause());
        }
    }

    @Override
    public void revokeAccess(AccessChange change) {
        boolean made = calls.make("revoke_access", change.customerId(), change.email(), change.accessGroupIds(),
                change.cause(), email -> {
                    for (Long group : change.accessGroupIds()) {
                        client.removeFromAccessGroup(group, email);
                    }
                });
        if (made) {
            LOG.info("Circle access groups {} revoked from {} (cause {})", change.accessGroupIds(), change.customerId(),
                    change.cause());
        }
    }

    /**
     * Keeps the customer's Circle member id, which Circle's group listings name instead of addresses. Best effort: a
     * database hiccup must not fail a grant (a reconciliation run learns the id by looking the listed member up).
     */
    private void remember(String customerId, long memberId) {
        try {
            members.record(customerId, memberId, CircleMemberStore.GRANT, Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Could not record the Circle member id of {}: {}", customerId, e.getMessage());
        }
    }

    /** This activity execution's attempt (1 outside an activity, e.g. in a unit test). */
    static int attempt() {
        try {
            return Activity.getExecutionContext().getInfo().getAttempt();
        } catch (IllegalStateException notInAnActivity) {
            return 1;
        }
    }
}
