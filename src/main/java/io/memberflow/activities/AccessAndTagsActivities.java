package io.memberflow.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A grant followed by the tags that go with it (a signup's usual pair) as one activity task: the workflow needs no
 * task of its own between the two. Access still comes first and alone decides the outcome: a failed grant fails the
 * activity (retried like {@link CommunityAccessActivities#grantAccess}, no tag attempted); a failed tag does not,
 * it is reported in the result and the workflow adds the tags with {@link MarketingActivities#addTags} and that
 * activity's own retries. Both calls are idempotent, so a retry after a lost result repeats nothing visible.
 */
@ActivityInterface
public interface AccessAndTagsActivities {

    /** Grants {@code change.access()}, then adds {@code change.tags()}; tells whether the tags were added. */
    @ActivityMethod
    TagOutcome grantAccessThenAddTags(GrantThenTag change);
}
