package io.memberflow.sync;

import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagChange;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.observability.Metrics;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.kit.KitSuppressions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MarketingActivities} on Kit's API v4, or in shadow mode without KIT_API_KEY. Adds no tag to a subscriber Kit
 * reported as unsubscribed, bounced or complained ({@link KitSuppressions}, fed by {@code /webhooks/kit}): a tag can
 * start a sequence, which would restart marketing e-mail. Removing tags is never held back.
 */
@Singleton
public class KitMarketing implements MarketingActivities {
    private static final Logger LOG = LoggerFactory.getLogger(KitMarketing.class);
    private final KitClient client;
    private final ShadowRecorder shadow;
    private final Metrics metrics;
    private final KitSuppressions suppressions;

    public KitMarketing(IntegrationProperties.Kit properties, ShadowRecorder shadow, Metrics metrics,
                        KitSuppressions suppressions) {
        this.metrics = metrics;
        this.suppressions = suppressions;
        this.client = properties.enabled() ? new KitClient(properties.apiUrl(), properties.apiKey()) : null;
        this.shadow = shadow;
        if (client == null) {
            LOG.warn("KIT_API_KEY is not set: Kit runs in shadow mode (calls are recorded, not made)");
        }
    }

    @Override
    public void addTags(TagChange change) {
        var suppressed = suppressions.reason(change.email());
        if (suppressed.isPresent()) {
            ActivityCalls.count(metrics, "kit", "add_tags", "suppressed");
            LOG.info("Kit tags {} not added for {} (cause {}): the subscriber {} in Kit", change.tagIds(),
                    change.customerId(), change.cause(), suppressed.get());
            return;
        }
        if (client == null) {
            shadow.record("kit", "add_tags", change.customerId(), change.tagIds(), change.cause());
            ActivityCalls.count(metrics, "kit", "add_tags", "shadow");
            return;
        }
        String email = ActivityCalls.emailFor(change.email(), "Kit", change.customerId());
        try {
            client.upsertSubscriber(email, change.firstName());
            for (Long tag : change.tagIds()) {
                client.addTag(tag, email);
            }
        } catch (VendorCallException e) {
            throw ActivityCalls.failed(metrics, "kit", "add_tags", e);
        }
        ActivityCalls.count(metrics, "kit", "add_tags", "success");
        LOG.info("Kit tags {} added for {} (cause {})", change.tagIds(), change.customerId(), change.cause());
    }

    @Override
    public void removeTags(TagChange change) {
        if (client == null) {
            shadow.record("kit", "remove_tags", change.customerId(), change.tagIds(), change.cause());
            ActivityCalls.count(metrics, "kit", "remove_tags", "shadow");
            return;
        }
        String email = ActivityCalls.emailFor(change.email(), "Kit", change.customerId());
        try {
            for (Long tag : change.tagIds()) {
                client.removeTag(tag, email);
            }
        } catch (VendorCallException e) {
            throw ActivityCalls.failed(metrics, "kit", "remove_tags", e);
        }
        ActivityCalls.count(metrics, "kit", "remove_tags", "success");
        LOG.info("Kit tags {} removed for {} (cause {})", change.tagIds(), change.customerId(), change.cause());
    }
}
