package io.memberflow.workflow;

import io.temporal.activity.ActivityOptions;

/**
 * The activity options the customer workflow uses, produced by the Temporal factory: vendor calls (Circle, Kit),
 * support tasks and record keeping, and Stripe reads.
 */
public record ActivityPolicies(ActivityOptions vendor, ActivityOptions support, ActivityOptions stripe) {

    /** Tests: Stripe reads with the vendor options. */
    public ActivityPolicies(ActivityOptions vendor, ActivityOptions support) {
        this(vendor, support, vendor);
    }
}
