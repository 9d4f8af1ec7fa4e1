package io.memberflow.reconcile;

import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.support.DatabaseTest;
import io.memberflow.temporal.WorkflowGateway;
import io.memberflow.workflow.DriftRepair;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** A repair-mode run sends each customer's drift to its workflow through {@link WorkflowGateway#repairDrift}. */
@MicronautTest(transactional = false)
class ReconcileRepairSignalTest implements DatabaseTest {
    static final ReconcileStandIns VENDORS = new ReconcileStandIns();
    final String tag = Long.toString(System.nanoTime(), 36);

    @Override
    public Map<String, String> extraProperties() {
        return VENDORS.properties("admin-repair-signal-123", "price_repair_signal", Map.of("memberflow.reconcile.mode", "repair"));
    }

    @Inject
    WorkflowGateway gateway;
    @Inject
    CustomerViewStore store;
    @Inject
    ReconcileRunner runner;

    @MockBean(WorkflowGateway.class)
    WorkflowGateway gateway() {
        return mock(WorkflowGateway.class);
    }

    @AfterAll
    void stop() {
        VENDORS.close();
    }

    @Test
    void givenACustomerCircleLostTheGroupOf_thenTheRunSendsItsRepairThroughTheGateway() {
        String customer = "cus_sig" + tag;
        String email = customer + "@example.com";
        store.write(new CustomerSnapshot(customer, "customer-" + customer, email, "ACTIVE", "pro", true,
                Set.of(101L), Set.of(9001L), "NONE", "evt_sig", "invoice.paid", 1_700_000_000L, false, null, 1, null), List.of());
        VENDORS.kit.seedSubscriber(email, Set.of(9001L)); // Kit has the tag; Circle lacks the group

        runner.run("run-sig-" + tag, new ReconcileRequest("test", ReconcileProperties.REPAIR, null, null), () -> { });

        ArgumentCaptor<DriftRepair> repair = ArgumentCaptor.forClass(DriftRepair.class);
        verify(gateway).repairDrift(eq(customer), repair.capture());
        assertThat(repair.getValue().runId()).isEqualTo("run-sig-" + tag);
        assertThat(repair.getValue().circleMissing()).containsExactly(101L);
    }
}
