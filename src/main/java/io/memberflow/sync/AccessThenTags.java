package io.memberflow.sync;

import io.memberflow.activities.AccessAndTagsActivities;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.GrantThenTag;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagOutcome;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AccessAndTagsActivities} over the two vendor activities the worker already runs (the real ones or their
 * shadow twins). Only the tag step's errors are caught, and only to hand the tags back to their own activity, which
 * retries what is retryable and fails what is final; the grant's errors fail this activity unchanged.
 */
@Singleton
public class AccessThenTags implements AccessAndTagsActivities {
    private static final Logger LOG = LoggerFactory.getLogger(AccessThenTags.class);
    private final CommunityAccessActivities access;
    private final MarketingActivities marketing;

    public AccessThenTags(CommunityAccessActivities access, MarketingActivities marketing) {
        this.access = access;
        this.marketing = marketing;
    }

    @Override
    public TagOutcome grantAccessThenAddTags(GrantThenTag change) {
        access.grantAccess(change.access());
        try {
            marketing.addTags(change.tags());
            return TagOutcome.done();
        } catch (RuntimeException e) {
            String reason = e instanceof ApplicationFailure f ? f.getOriginalMessage() : e.getClass().getSimpleName();
            LOG.warn("Tags {} for {} not added after the grant ({}); the workflow adds them on their own",
                    change.tags().tagIds(), change.tags().customerId(), reason);
            return TagOutcome.notAdded(reason);
        }
    }
}
