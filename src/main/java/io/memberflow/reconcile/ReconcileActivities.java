package io.memberflow.reconcile;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs (or goes on with) the reconciliation whose id is the calling workflow's id; heartbeats after every page. */
@ActivityInterface
public interface ReconcileActivities {

    @ActivityMethod
    ReconcileResult reconcile(ReconcileRequest request);
}
