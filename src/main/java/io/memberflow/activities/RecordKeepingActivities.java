package io.memberflow.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

import java.util.List;

/** Keeps the admin view's projection and the audit trail in PostgreSQL current, and reads it back by address. */
@ActivityInterface
public interface RecordKeepingActivities {

    /**
     * Upserts the customer's row and appends the audit entries (keyed by customer and sequence, so a retried call
     * appends nothing twice). A row or entry is replaced only by a later workflow task ({@code taskMillis}) or, for the
     * row, a higher {@code revision} of the same task: what a task that never completed wrote gives way to the attempt
     * that did. Retried until the database answers.
     */
    @ActivityMethod
    void record(CustomerSnapshot snapshot, List<AuditEntry> entries);

    /**
     * The other customers the projection knows at this address (compared trimmed and lower-case) and what their
     * billing requires there. Read-only; an empty list for no address. Asked before a revoke or an untag (version
     * {@code shared-address}): Circle and Kit know people by address, so what another customer requires is not removed.
     */
    @ActivityMethod
    List<SameAddressCustomer> sameAddress(SameAddressQuery query);
}
