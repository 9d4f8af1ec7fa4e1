package io.memberflow.sync;

import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagChange;
import io.memberflow.kit.KitSuppressions;
import io.memberflow.observability.Metrics;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * {@link MarketingActivities} without KIT_API_KEY: every tag change is recorded ({@link ShadowRecorder}) instead of
 * made. Like {@link KitMarketing}, a subscriber Kit reported as suppressed gets no tag (so nothing is recorded for
 * it): the record shows what Kit would really have been asked. Never fails.
 */
@Singleton
@Requires(condition = VendorSettings.KitOff.class)
public class ShadowMarketing implements MarketingActivities {
    private final ShadowRecorder shadow;
    private final KitSuppressions suppressions;
    private final Metrics metrics;

    public ShadowMarketing(ShadowRecorder shadow, KitSuppressions suppressions, Metrics metrics) {
        this.shadow = shadow;
        this.suppressions = suppressions;
        this.metrics = metrics;
        ShadowRecorder.warn("KIT_API_KEY", "Kit");
    }

    @Override
    public void addTags(TagChange change) {
        if (suppressions.reason(change.email()).isPresent()) {
            VendorCalls.count(metrics, "kit", "add_tags", "suppressed");
            return;
        }
        shadow.record("kit", "add_tags", change.customerId(), change.tagIds(), change.cause());
    }

    @Override
    public void removeTags(TagChange change) {
        shadow.record("kit", "remove_tags", change.customerId(), change.tagIds(), change.cause());
    }
}
