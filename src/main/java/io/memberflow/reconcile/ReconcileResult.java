package io.memberflow.reconcile;

import java.util.Map;

/** What a finished run reports to its workflow (and the Temporal UI): the full report is in {@code reconcile_run}. */
public record ReconcileResult(String runId, String mode, int checked, Map<String, Integer> counts, int repairsSent,
                              int tasksOpened) {
}
