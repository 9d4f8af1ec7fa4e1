package io.memberflow.workflow;

import io.temporal.activity.ActivityOptions;

/** The activity options the customer workflow uses, produced by the Temporal factory. */
public record ActivityPolicies(ActivityOptions vendor, ActivityOptions support) {
}
