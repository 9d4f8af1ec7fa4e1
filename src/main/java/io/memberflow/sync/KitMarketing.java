package io.memberflow.sync;

import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagChange;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.kit.KitSuppressions;
import io.memberflow.observability.Metrics;
import io.memberflow.vendors.VendorClients;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MarketingActivities} on Kit's API v4, when KIT_API_KEY is set (without it {@link ShadowMarketing} stands
 * in). Adds no tag to a subscriber Kit
 * reported as unsubscribed, bounced or complained ({@link KitSuppressions}, fed by {@code /webhooks/kit}): a tag can
 * start a sequence, which would restart marketing e-mail. Removing tags is never held back.
 */
@Singleton
@Requires(condition = VendorSettings.KitOn.class)
public class KitMarketing implements MarketingActivities {
    private static final Logger LOG = LoggerFactory.getLogger(KitMarketing.class);
    private final KitClient client;
    private final VendorCalls calls;
    private final KitSuppressions suppressions;

    public KitMarketing(@Named(VendorClients.LIVE) KitClient client, Metrics metrics, KitSuppressions suppressions) {
        this.suppressions = suppressions;
        this.client = client;
        this.calls = new VendorCalls("kit", "Kit", metrics);
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
        calls.make("add_tags", change.customerId(), change.email(), email -> {
            client.upsertSubscriber(email, change.firstName());
            for (Long tag : change.tagIds()) {
                client.addTag(tag, email);
            }
        });
        LOG.info("Kit tags {} added for {} (cause {})", change.tagIds(), change.customerId(), change.cause());
    }

    @Override
    public void removeTags(TagChange change) {
        calls.make("remove_tags", change.customerId(), change.email(), email -> {
            for (Long tag : change.tagIds()) {
                client.removeTag(tag, email);
            }
        });
        LOG.info("Kit tags {} removed for {} (cause {})", change.tagIds(), change.customerId(), change.cause());
    }
}
