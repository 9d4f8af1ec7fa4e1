package io.memberflow.reconcile;

import io.micronaut.core.annotation.Nullable;

/**
 * Starts a reconciliation run. {@code trigger}: {@code schedule}, {@code admin} or {@code cli}; {@code mode}:
 * {@code repair} or {@code report}, null for {@code memberflow.reconcile.mode}; {@code resume}: the id of an unfinished
 * run to go on with (its cursor and counts are kept), null for a new run; {@code overQuota}: true when an operator
 * lets it spend Circle requests beyond background work's share of the monthly quota (null or false otherwise).
 */
public record ReconcileRequest(String trigger, @Nullable String mode, @Nullable String resume, @Nullable Boolean overQuota) {
    public ReconcileRequest {
        if (trigger == null || trigger.isBlank()) {
            throw new IllegalArgumentException("trigger is required");
        }
        if (mode != null && !mode.equals(ReconcileProperties.REPAIR) && !mode.equals(ReconcileProperties.REPORT)) {
            throw new IllegalArgumentException("mode must be repair or report");
        }
    }

    public static ReconcileRequest scheduled() {
        return new ReconcileRequest("schedule", null, null, null);
    }

    /** An operator said the run may spend Circle requests beyond background work's share of the monthly quota. */
    public boolean spendsBeyondShare() {
        return Boolean.TRUE.equals(overQuota);
    }
}
