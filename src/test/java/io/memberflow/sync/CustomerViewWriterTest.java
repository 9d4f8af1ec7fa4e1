package io.memberflow.sync;

import io.memberflow.activities.AuditEntry;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.observability.Metrics;
import io.memberflow.persistence.CustomerViewStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerViewWriterTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AuditEntry> alreadyWritten = new java.util.ArrayList<>();
    private final CustomerViewStore store = new CustomerViewStore(null, null) {
        @Override
        public List<AuditEntry> write(CustomerSnapshot s, List<AuditEntry> entries) {
            List<AuditEntry> fresh = entries.stream().filter(e -> !alreadyWritten.contains(e)).toList();
            alreadyWritten.addAll(fresh);
            return fresh;
        }
    };
    private final CustomerViewWriter records = new CustomerViewWriter(store, new Metrics(registry, null, null));

    private static CustomerSnapshot snapshot() {
        return new CustomerSnapshot("cus_m", "customer-cus_m", null, "ACTIVE", null, false, Set.of(), Set.of(), "NONE",
                null, null, null, true, null, 3, "Billing says active, but …");
    }

    @Test
    void givenANewlyRaisedProblem_thenItIsCountedOnceByKindAndItsClearingIsNot() {
        AuditEntry raised = new AuditEntry(1, 1L, "attention", "memberflow", "evt_1", "plan_unknown: Billing says active, but …");
        AuditEntry cleared = new AuditEntry(2, 2L, "attention", "memberflow", "evt_2", "plan_unknown: cleared");

        records.record(snapshot(), List.of(raised));
        records.record(snapshot(), List.of(raised, cleared)); // a retried write

        assertThat(registry.counter("memberflow.attention.raised", "kind", "plan_unknown").count()).isEqualTo(1.0);
        assertThat(registry.find("memberflow.attention.raised").counters()).hasSize(1);
    }
}
