package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.observability.Metrics;
import io.memberflow.persistence.CircleMemberStore;
import io.memberflow.vendors.VendorClients;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * {@link CommunityAccessActivities} on Circle's Admin API v2, when CIRCLE_API_TOKEN is set (without it
 * {@link ShadowCommunityAccess} stands in). A grant records the customer's Circle member id
 * ({@link CircleMemberStore}), which reconciliation matches group listings by. The {@link VendorClients#LIVE} client
 * counts every request against Circle's monthly quota as live spending, never refused.
 */
@Singleton
@Requires(condition = VendorSettings.CircleOn.class)
public class CircleCommunityAccess implements CommunityAccessActivities {
    private static final Logger LOG = LoggerFactory.getLogger(CircleCommunityAccess.class);
    private final CircleClient client;
    private final VendorCalls calls;
    private final CircleMemberStore members;

    public CircleCommunityAccess(@Named(VendorClients.LIVE) CircleClient client, Metrics metrics,
                                 CircleMemberStore members) {
        this.client = client;
        this.calls = new VendorCalls("circle", "Circle", metrics);
        this.members = members;
    }

    @Override
    public void grantAccess(AccessChange change) {
        grant(change, attempt());
    }

    void grant(AccessChange change, int attempt) {
        calls.make("grant_access", change.customerId(), change.email(), email -> {
            CircleClient.EnsuredMember member = client.ensureMember(email, change.name());
            remember(change.customerId(), member.member().id());
            // a retry, or a member Circle already had, may hold the group: a grant made by an attempt whose answer was
            // lost (a local try cut off by a crash is attempt 1 again) or a returning member. Look first; a member just
            // created holds nothing, so a first grant costs no look
            boolean lookFirst = attempt > 1 || member.existed();
            for (Long group : change.accessGroupIds()) {
                if (!(lookFirst && client.isInAccessGroup(group, email))) {
                    client.addToAccessGroup(group, email);
                }
            }
        });
        LOG.info("Circle access groups {} granted to {} (cause {})", change.accessGroupIds(), change.customerId(),
                change.cause());
    }

    @Override
    public void revokeAccess(AccessChange change) {
        calls.make("revoke_access", change.customerId(), change.email(), email -> {
            for (Long group : change.accessGroupIds()) {
                client.removeFromAccessGroup(group, email);
            }
        });
        LOG.info("Circle access groups {} revoked from {} (cause {})", change.accessGroupIds(), change.customerId(),
                change.cause());
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
