package io.memberflow.reconcile;

import io.memberflow.admin.LatestDrift;
import io.memberflow.admin.Overview;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The newest {@code reconcile_run} row for the admin overview: drift kinds that were found, without {@code ok}. */
@Singleton
public class ReconcileOverview implements LatestDrift {
    private final ReconcileRuns runs;

    public ReconcileOverview(ReconcileRuns runs) {
        this.runs = runs;
    }

    @Override
    public Optional<Overview.Drift> latest(Instant now) {
        return runs.recent(1).stream().findFirst().map(r -> {
            Map<String, Integer> found = new LinkedHashMap<>();
            r.counts().forEach((kind, n) -> {
                if (n > 0 && !kind.equals(CustomerDrift.OK)) {
                    found.put(kind, n);
                }
            });
            return new Overview.Drift(r.id(), r.mode(), r.status(), r.startedAt(), r.finishedAt(), r.checked(), r.total(),
                    r.etaSeconds(now), found, r.repairsSent(), r.tasksOpened(), r.error());
        });
    }
}
