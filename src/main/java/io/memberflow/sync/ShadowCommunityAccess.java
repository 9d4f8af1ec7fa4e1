package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * {@link CommunityAccessActivities} without CIRCLE_API_TOKEN: every grant and revoke is recorded
 * ({@link ShadowRecorder}) instead of made, so a trial run shows what Circle would have been asked. Never fails.
 */
@Singleton
@Requires(condition = VendorSettings.CircleOff.class)
public class ShadowCommunityAccess implements CommunityAccessActivities {
    private final ShadowRecorder shadow;

    public ShadowCommunityAccess(ShadowRecorder shadow) {
        this.shadow = shadow;
        ShadowRecorder.warn("CIRCLE_API_TOKEN", "Circle");
    }

    @Override
    public void grantAccess(AccessChange change) {
        shadow.record("circle", "grant_access", change.customerId(), change.accessGroupIds(), change.cause());
    }

    @Override
    public void revokeAccess(AccessChange change) {
        shadow.record("circle", "revoke_access", change.customerId(), change.accessGroupIds(), change.cause());
    }
}
