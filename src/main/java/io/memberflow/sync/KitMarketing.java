package io.memberflow.sync;

import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagChange;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.kit.KitSuppressions;
import io.memberflow.observability.Metrics;
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
    private final VendorCalls calls;
    private final KitSuppressions suppressions;

    public KitMarketing(IntegrationProperties.Kit properties, ShadowRecorder shadow, Metrics metrics,
                        KitSuppressions suppressions) {
        this.suppressions = suppressions;
        this.client = properties.enabled() ? new KitClient(properties.apiUrl(), properties.apiKey()) : null;
        this.calls = new VendorCalls("kit", "Kit", client != null, "KIT_API_KEY", shadow, metrics);
    }

    @Override
    public void addTags(TagChange change) {
        var suppressed = suppressions.reason(change.email());
        if (suppressed.isPresent()) {
            calls.count("add_tags", "suppressed");
            LOG.info("Kit tags {} not added for {} (cause {}): the subscriber {} in Kit", change.tagIds(),
                    change.customerId(), change.cause(), suppressed.get());
            return;
        }
        boolean made = calls.make("add_tags", change.customerId(), change.email(), change.tagIds(), change.cause(),
                email -> {
                    client.upsertSubscriber(email, change.firstName());
                    for (Long tag : change.tagIds()) {
                        client.addTag(tag, email);
                    }
                });
        if (made) {
            LOG.info("Kit tags {} added for {} (cause {})", change.tagIds(), change.customerId(), change.cause());
        }
    }

    @Override
    public void removeTags(TagChange change) {
        boolean made = calls.make("remove_tags", change.customerId(), change.email(), change.tagIds(), change.cause(),
                email -> {
                    for (Long tag : change.tagIds()) {
                        client.removeTag(tag, email);
                    }
                });
        if (made) {
            LOG.info("Kit tags {} removed for {} (cause {})", change.tagIds(), change.customerId(), change.cause());
        }
    }
}
