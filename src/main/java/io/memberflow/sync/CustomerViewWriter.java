package io.memberflow.sync;

import io.memberflow.activities.AuditEntry;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.activities.RecordKeepingActivities;
import io.memberflow.activities.SameAddressCustomer;
import io.memberflow.activities.SameAddressQuery;
import io.memberflow.observability.Metrics;
import io.memberflow.persistence.CustomerViewStore;
import jakarta.inject.Singleton;

import java.util.List;

/** {@link RecordKeepingActivities} on PostgreSQL. */
@Singleton
public class CustomerViewWriter implements RecordKeepingActivities {
    private final CustomerViewStore store;
    private final Metrics metrics;

    public CustomerViewWriter(CustomerViewStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Counts each newly written "event" audit entry as an applied event, by Stripe type, and each newly raised
     * problem ("attention" entries {@code <kind>: <summary>}, not {@code <kind>: cleared}) by kind. A retried write
     * counts nothing twice: only entries the store had not written before are counted.
     */
    @Override
    public void record(CustomerSnapshot snapshot, List<AuditEntry> entries) {
        for (AuditEntry written : store.write(snapshot, entries)) {
            if ("event".equals(written.kind())) {
                metrics.eventApplied(written.text().split(" ", 2)[0]);
            } else if ("attention".equals(written.kind()) && !written.text().endsWith(": cleared")) {
                metrics.attentionRaised(written.text().split(":", 2)[0]);
            }
        }
    }

    @Override
    public List<SameAddressCustomer> sameAddress(SameAddressQuery query) {
        return store.sameAddress(query.email(), query.customerId());
    }
}
