package io.memberflow.reconcile;

import java.util.Map;

/**
 * What a finished run reports to its workflow (and the Temporal UI): the full report is in {@code reconcile_run}.
 * {@code status}: done, or paused_quota (null in results of older runs).
 */
public record ReconcileResult(String runId, String mode, int checked, Map<String, Integer> counts, int repairsSent,
                              int tasksOpened, String status) {
}
