package io.memberflow.workflow;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;

import java.time.Duration;

/**
 * The activity options the customer workflow uses, produced by the Temporal factory: vendor calls (Circle, Kit),
 * support tasks and record keeping, Stripe reads, and the projection write as a local activity (runs from version
 * {@code lean-tasks}: it runs inside the workflow task that changed the record, with no task of its own), and the
 * Stripe read after a burst as a local activity with the Stripe read's timeout and retries (same version), and a
 * signup's grant and tags tried once inside the workflow task, with the vendor calls' timeout and no retry (version
 * {@code grant-in-task}: the retries are the {@code vendor} activity's).
 */
public record ActivityPolicies(ActivityOptions vendor, ActivityOptions support, ActivityOptions stripe,
                               LocalActivityOptions projection, LocalActivityOptions stripeRead,
                               LocalActivityOptions vendorInTask) {

    public ActivityPolicies(ActivityOptions vendor, ActivityOptions support, ActivityOptions stripe) {
        this(vendor, support, stripe, defaultProjection(), localFrom(stripe), onceFrom(vendor));
    }

    /** Tests: Stripe reads with the vendor options. */
    public ActivityPolicies(ActivityOptions vendor, ActivityOptions support) {
        this(vendor, support, vendor);
    }

    /**
     * A local activity holds a workflow-task slot of the worker while it runs, retries included: retries that wait
     * longer than this go through a workflow timer instead, freeing the slot (and surviving a worker crash).
     */
    static final Duration LOCAL_RETRY_THRESHOLD = Duration.ofSeconds(2);

    /** The Stripe read's timeout and retries, as a local activity. */
    static LocalActivityOptions localFrom(ActivityOptions options) {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(options.getStartToCloseTimeout())
                .setRetryOptions(options.getRetryOptions())
                .setLocalRetryThreshold(LOCAL_RETRY_THRESHOLD)
                .build();
    }

    /** One attempt with {@code options}' timeout: a failure goes back to the workflow at once. */
    static LocalActivityOptions onceFrom(ActivityOptions options) {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(options.getStartToCloseTimeout())
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build();
    }

    /** 10 s per attempt, 0.2 s doubling to 30 s, 10 attempts (about 2 minutes); bad input is final. */
    public static LocalActivityOptions defaultProjection() {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(200))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(10)
                        .setDoNotRetry(IllegalArgumentException.class.getName())
                        .build())
                .setLocalRetryThreshold(LOCAL_RETRY_THRESHOLD)
                .build();
    }
}
