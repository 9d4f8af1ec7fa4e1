package io.memberflow.admin;

import java.time.Instant;
import java.util.Optional;

/** Where the overview finds the newest reconciliation run (provided by the reconcile package when it runs here). */
public interface LatestDrift {
    Optional<Overview.Drift> latest(Instant now);
}
