package io.memberflow.activities;

import io.memberflow.persistence.CustomerViewStore;
import jakarta.inject.Singleton;

import java.util.List;

/** {@link RecordKeepingActivities} on PostgreSQL. */
@Singleton
public class CustomerRecords implements RecordKeepingActivities {
    private final CustomerViewStore store;

    public CustomerRecords(CustomerViewStore store) {
        this.store = store;
    }

    @Override
    public void record(CustomerSnapshot snapshot, List<AuditEntry> entries) {
        store.write(snapshot, entries);
    }
}
