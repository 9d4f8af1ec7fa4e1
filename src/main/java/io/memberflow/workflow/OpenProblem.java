package io.memberflow.workflow;

import jakarta.annotation.Nullable;

/**
 * A problem the customer has now (see {@link io.memberflow.domain.Attention}, plus a failing Stripe read):
 * since when, and the support task opened for it once it lasted long enough. One task per customer and kind.
 */
public record OpenProblem(String kind, String summary, long sinceMillis, @Nullable Long taskId) {
}
