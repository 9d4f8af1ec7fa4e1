package io.memberflow.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Support tasks for people. */
@ActivityInterface
public interface SupportActivities {

    /**
     * Opens a task unless one with the same key is open, in which case that task's summary and context are
     * updated (idempotent: a retried activity or a recurring problem never opens a second one); returns its id.
     * New tasks are also posted to SUPPORT_WEBHOOK_URL when set.
     */
    @ActivityMethod
    long openTask(SupportTaskInput input);

    /** Marks a task resolved by an operator. Idempotent: resolving a resolved task changes nothing. */
    @ActivityMethod
    void resolveTask(long taskId, String actor, String reason);
}
