package io.memberflow.persistence;

import io.memberflow.activities.AuditEntry;
import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
class CustomerViewStoreTest implements DatabaseTest {

    @Inject
    CustomerViewStore store;

    /** A connection of its own, outside Micronaut's transaction management. */
    private static Connection rawConnection() throws SQLException {
        var db = io.memberflow.support.TestDatabase.properties();
        return java.sql.DriverManager.getConnection(String.valueOf(db.get("datasources.default.url")),
                String.valueOf(db.get("datasources.default.username")), String.valueOf(db.get("datasources.default.password")));
    }

    private static CustomerSnapshot snapshot(String customer, String state, long revision) {
        return new CustomerSnapshot(customer, "customer-" + customer, " Mixed.Case@Example.com ", state, "pro",
                true, Set.of(101L), Set.of(9001L), "NONE", "evt_1", "invoice.paid", 1_700_000_000L, false, null, revision, null);
    }

    @Test
    void givenCustomersSharingAnAddress_thenEachSeesTheOthersRequirementsOrWhatTheyHoldWhenNoneWereWritten() {
        String address = "shared" + System.nanoTime() + "@example.com";
        String a = "cus_sa" + System.nanoTime();
        String b = "cus_sb" + System.nanoTime();
        String c = "cus_sc" + System.nanoTime();
        store.write(new CustomerSnapshot(a, "customer-" + a, address, "CANCELED", "pro", false, Set.of(101L), Set.of(),
                "NONE", null, null, null, false, null, 1, null, Set.of(), Set.of(9101L)), List.of());
        store.write(new CustomerSnapshot(b, "customer-" + b, " " + address.toUpperCase() + " ", "ACTIVE", "pro", false,
                Set.of(), Set.of(), "NONE", null, null, null, false, null, 1, null, Set.of(101L), Set.of(9001L)), List.of());
        store.write(new CustomerSnapshot(c, "customer-" + c, address, "ACTIVE", "pro", true, Set.of(102L), Set.of(9002L),
                "NONE", null, null, null, false, null, 1, null), List.of());

        assertThat(store.sameAddress(address, a)).containsExactly(
                new io.memberflow.activities.SameAddressCustomer(b, Set.of(101L), Set.of(9001L)),
                new io.memberflow.activities.SameAddressCustomer(c, Set.of(102L), Set.of(9002L)));
        assertThat(store.sameAddress(address, b)).extracting(io.memberflow.activities.SameAddressCustomer::customerId)
                .containsExactly(a, c);
        assertThat(store.sameAddress(null, a)).isEmpty();
    }

    @Test
    void givenAnOlderRevision_thenItDoesNotOverwriteTheView() {
        String customer = "cus_view" + System.nanoTime();
        store.write(snapshot(customer, "PAST_DUE", 5), List.of());
        store.write(snapshot(customer, "ACTIVE", 3), List.of());

        assertThat(store.find(customer)).get().extracting(CustomerView::state).isEqualTo("PAST_DUE");
        assertThat(store.findByEmail("mixed.case@example.com")).extracting(CustomerView::customerId).contains(customer);
    }

    @Test
    void givenAuditEntriesWrittenTwice_thenEachIsKeptOnceAndNoneCanBeChangedOrDeleted() throws SQLException {
        String customer = "cus_audit" + System.nanoTime();
        List<AuditEntry> entries = List.of(new AuditEntry(1, 1_700_000_000_000L, "event", "stripe", "evt_1", "invoice.paid -> ACTIVE"),
                new AuditEntry(2, 1_700_000_000_100L, "operator", "sam", null, "block: fraud"));

        assertThat(store.write(snapshot(customer, "ACTIVE", 2), entries)).hasSize(2);
        assertThat(store.write(snapshot(customer, "ACTIVE", 2), entries)).isEmpty();

        assertThat(store.audit(customer, 10)).extracting(AuditRow::detail).containsExactly("block: fraud", "invoice.paid -> ACTIVE");
        try (Connection c = rawConnection()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate(
                    "UPDATE audit_log SET detail = 'rewritten' WHERE customer_id = '" + customer + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate(
                    "DELETE FROM audit_log WHERE customer_id = '" + customer + "'"))
                    .hasMessageContaining("append-only");
        }
        assertThat(store.audit(customer, 10)).hasSize(2);
    }

    private static CustomerSnapshot byTask(String customer, String state, long revision, long taskMillis) {
        return new CustomerSnapshot(customer, "customer-" + customer, "a@example.com", state, "pro", true, Set.of(101L),
                Set.of(), "NONE", "evt_1", "invoice.paid", 1_700_000_000L, false, null, revision, null, Set.of(101L),
                Set.of(), taskMillis);
    }

    /**
     * A worker killed inside a workflow task has already written through its local activity; the attempt that
     * completes applies the same events in another order (more signals had arrived), so sequence 2 means another
     * event. Its rows replace the unfinished task's, and its view replaces the unfinished task's higher revision.
     */
    @Test
    void givenRowsOfAWorkflowTaskThatNeverCompleted_thenTheCompletingAttemptReplacesThem() {
        String customer = "cus_crash" + System.nanoTime();
        List<AuditEntry> unfinished = List.of(
                new AuditEntry(1, 1_000L, "event", "stripe", "evt_a", "customer.subscription.created -> LEAD"),
                new AuditEntry(2, 1_000L, "decision", "memberflow", null, "read Stripe"),
                new AuditEntry(3, 1_000L, "decision", "memberflow", null, "granted"));
        store.write(byTask(customer, "ACTIVE", 3, 1_000L), unfinished);
        List<AuditEntry> completed = List.of(
                new AuditEntry(1, 11_000L, "event", "stripe", "evt_a", "customer.subscription.created -> LEAD"),
                new AuditEntry(2, 11_000L, "event", "stripe", "evt_b", "invoice.paid -> LEAD"));

        List<AuditEntry> written = store.write(byTask(customer, "LEAD", 2, 11_000L), completed);

        assertThat(written).extracting(AuditEntry::seq).containsExactly(2L);
        assertThat(store.audit(customer, 10)).extracting(AuditRow::eventId).contains("evt_a", "evt_b");
        assertThat(store.find(customer)).get().extracting(CustomerView::state).isEqualTo("LEAD");
    }

    @Test
    void givenALateWriteOfAnEarlierWorkflowTask_thenItChangesNeitherTheEntriesNorTheView() {
        String customer = "cus_zombie" + System.nanoTime();
        store.write(byTask(customer, "ACTIVE", 2, 20_000L),
                List.of(new AuditEntry(2, 20_000L, "event", "stripe", "evt_b", "invoice.paid -> ACTIVE")));

        List<AuditEntry> written = store.write(byTask(customer, "PAST_DUE", 5, 9_000L),
                List.of(new AuditEntry(2, 9_000L, "decision", "memberflow", null, "stale")));

        assertThat(written).isEmpty();
        assertThat(store.audit(customer, 10)).extracting(AuditRow::detail).containsExactly("invoice.paid -> ACTIVE");
        assertThat(store.find(customer)).get().extracting(CustomerView::state).isEqualTo("ACTIVE");
    }

    @Test
    void givenTheSameTaskWritingAgain_thenNothingIsReplacedOrCountedTwice() throws SQLException {
        String customer = "cus_retry" + System.nanoTime();
        List<AuditEntry> entries = List.of(new AuditEntry(1, 5_000L, "event", "stripe", "evt_a", "invoice.paid -> ACTIVE"));
        assertThat(store.write(byTask(customer, "ACTIVE", 1, 5_000L), entries)).hasSize(1);

        assertThat(store.write(byTask(customer, "ACTIVE", 1, 5_000L), entries)).isEmpty();
        try (Connection c = rawConnection()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE audit_log SET detail = 'rewritten', "
                    + "task_millis = 4000 WHERE customer_id = '" + customer + "'"))
                    .as("an earlier task may not rewrite a row").hasMessageContaining("append-only");
        }
    }
}
