package io.memberflow.activities;

import io.memberflow.observability.Metrics;
import io.memberflow.persistence.CustomerViewStore;
import jakarta.inject.Singleton;

import java.util.List;

/** {@link RecordKeepingActivities} on PostgreSQL. */
@Singleton
public class CustomerRecords implements RecordKeepingActivities {
    private final CustomerViewStore store;
    private final Metrics metrics;

    public CustomerRecords(CustomerViewStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Counts each newly written "event" audit entry as an applied event, by Stripe type. */
    @Override
    public void record(CustomerSnapshot snapshot, List<AuditEntry> entries) {
        for (AuditEntry written : store.write(snapshot, entries)) {
            if ("event".equals(written.kind())) {
                metrics.eventApplied(written.text().split(" ", 2)[0]);
            }
        }
    }
}
