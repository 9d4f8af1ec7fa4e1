package io.memberflow.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Community access (Circle). Both calls are idempotent: granting a group the member is already in, or revoking
 * one they are not in (or as a member Circle no longer has), succeeds. Revoking from a group Circle does not have
 * ({@code Missing record: access group}) is a configuration error and fails final, so the customer is flagged. Retryable failures (5xx, 429, timeouts) are retried by Temporal; a final one
 * (401, 403, 422, …) fails at once with type {@link VendorFailures#FINAL}.
 */
@ActivityInterface
public interface CommunityAccessActivities {

    /**
     * Makes sure the member exists (created once, by e-mail), then adds them to every listed access group. A retry
     * first checks each group and adds only what is missing, so a grant that reached Circle before the worker could
     * report it is not sent twice.
     */
    @ActivityMethod
    void grantAccess(AccessChange change);

    /** Removes the member from every listed access group. */
    @ActivityMethod
    void revokeAccess(AccessChange change);
}
