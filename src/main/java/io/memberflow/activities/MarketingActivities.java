package io.memberflow.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Marketing tags (Kit). Idempotent: adding a tag the subscriber has, or removing one they lack, succeeds.
 * Kit's 429 carries no Retry-After, so the next attempt waits 60 s; 401/403/422 are final.
 */
@ActivityInterface
public interface MarketingActivities {

    /** Upserts the subscriber, then adds every listed tag. */
    @ActivityMethod
    void addTags(TagChange change);

    @ActivityMethod
    void removeTags(TagChange change);
}
