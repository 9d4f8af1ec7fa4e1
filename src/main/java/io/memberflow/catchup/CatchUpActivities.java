package io.memberflow.catchup;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Lists Stripe's recent events and records, through the webhook intake, every one the inbox lacks. */
@ActivityInterface
public interface CatchUpActivities {

    @ActivityMethod
    CatchUpCounts catchUp(CatchUpRequest request);
}
