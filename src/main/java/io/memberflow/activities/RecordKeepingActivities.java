package io.memberflow.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

import java.util.List;

/** Keeps the admin view's projection and the audit trail in PostgreSQL current. */
@ActivityInterface
public interface RecordKeepingActivities {

    /**
     * Upserts the customer's row (a row is only replaced by a higher {@code revision}) and appends the audit
     * entries (keyed by customer and sequence, so a retried call appends nothing twice). Retried until the
     * database answers.
     */
    @ActivityMethod
    void record(CustomerSnapshot snapshot, List<AuditEntry> entries);
}
