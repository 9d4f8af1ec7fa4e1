package io.memberflow.reconcile;

import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.integrations.RatePacer;
import io.memberflow.activities.SupportActivities;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.persistence.SupportTaskRepository;
import io.memberflow.support.DatabaseTest;
import io.memberflow.workflow.DriftRepair;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reconciliation run against the real {@code customer_view} and {@code reconcile_run} tables and stand-ins for
 * Circle and Kit that list group members and tag holders. Repairs are collected instead of signalled (the workflow
 * side is DriftRepairWorkflowTest). Plan "pro": Circle group 101, Kit tag 9001; lifecycle tag 9102.
 */
@MicronautTest(transactional = false)
class ReconcileRunTest implements DatabaseTest {
    static final ReconcileStandIns VENDORS = new ReconcileStandIns();
    String tag;
    final Map<String, DriftRepair> repairs = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();
    /** What the run found for this test's customers. */
    final Map<String, CustomerDrift> found = new ConcurrentHashMap<>();
    /** Repairs per customer of this test, counting repeats. */
    final Map<String, Integer> repairCounts = new ConcurrentHashMap<>();

    @Inject
    CustomerViewStore store;
    @Inject
    ReconcileRuns runs;
    @Inject
    SupportActivities support;
    @Inject
    SupportTaskRepository tasks;

    @BeforeEach
    void fresh() {
        tag = Long.toString(System.nanoTime(), 36);
        repairs.clear();
        found.clear();
        repairCounts.clear();
        sent.set(0);
    }

    @AfterAll
    void stop() throws IOException {
        VENDORS.close();
    }

    private String customer(String name) {
        return "cus_run" + tag + "_" + name;
    }

    private static String email(String customer) {
        return customer.replace('_', '-') + "@example.com";
    }

    /** A paying "pro" customer as memberflow recorded it, and as Circle and Kit hold it. */
    private String paying(String name, long subscriberId) {
        String customer = customer(name);
        store.write(new CustomerSnapshot(customer, "customer-" + customer, email(customer), "ACTIVE", "pro", true,
                Set.of(101L), Set.of(9001L), "NONE", "evt_" + name, "invoice.paid", 1_700_000_000L, false, null, 1, null), List.of());
        VENDORS.member(101, email(customer));
        VENDORS.subscriber(subscriberId, email(customer), 9001L);
        return customer;
    }

    private DriftReconciler reconciler(DriftReconciler.Repairs sink, int pageSize) {
        RosterLoader loader = new RosterLoader(new CircleClient(VENDORS.circleUrl(), "circle-token"),
                new KitClient(VENDORS.kitUrl(), "kit-key"), null, new RatePacer(500), new RatePacer(500),
                new RatePacer(500), new PatientCalls(Duration.ofMillis(10), Duration.ofSeconds(30), w -> Thread.sleep(w.toMillis())));
        return new DriftReconciler(store, runs, loader, new UnknownMembers(store, support), sink, email -> false,
                Clock.systemUTC(), Set.of(101L, 102L), Set.of(9001L, 9102L), pageSize, drift -> {
                    if (drift.customerId().startsWith(customer(""))) {
                        found.put(drift.customerId(), drift);
                    }
                });
    }

    private boolean collect(String customerId, DriftRepair repair) {
        sent.incrementAndGet();
        if (customerId.startsWith(customer(""))) {
            repairCounts.merge(customerId, 1, Integer::sum);
            repairs.merge(customerId, repair, (a, b) -> {
                throw new AssertionError("two repairs for " + customerId);
            });
        }
        return true;
    }

    @Test
    void givenAMemberRemovedByHandAndATagAddedByHand_thenRepairModeSendsOneRepairEachAndTheReportCountsThem() {
        String removed = paying("removed", 801);
        String tagged = paying("tagged", 802);
        String fine = paying("fine", 803);
        VENDORS.groups.get(101L).remove(email(removed));
        VENDORS.tags.get(802L).add(9102L);

        java.util.List<Long> listedBeforeChecking = new java.util.concurrent.CopyOnWriteArrayList<>();
        ReconcileRun run = reconciler(this::collect, 50).run("run-" + tag, ReconcileProperties.REPAIR, "test", () ->
                runs.find("run-" + tag).filter(r -> r.checked() == 0).ifPresent(r -> listedBeforeChecking.add(r.calls().get("circle"))));

        assertThat(run.status()).isEqualTo(ReconcileRun.DONE);
        assertThat(listedBeforeChecking).as("progress shows the listing calls before any customer is checked")
                .anySatisfy(calls -> assertThat(calls).isPositive());
        assertThat(repairs).containsOnlyKeys(removed, tagged);
        assertThat(repairs.get(removed).circleMissing()).containsExactly(101L);
        assertThat(repairs.get(removed).runId()).isEqualTo("run-" + tag);
        assertThat(repairs.get(tagged).kitTagExtra()).containsExactly(9102L);
        assertThat(repairs).doesNotContainKey(fine);
        assertThat(run.counts().get(CustomerDrift.CIRCLE_MISSING)).isGreaterThanOrEqualTo(1);
        assertThat(found.get(fine).kinds()).containsExactly(CustomerDrift.OK);
        assertThat(run.calls().get("circle")).as("one listing page of group 101, one of 102").isEqualTo(2);
        assertThat(run.repairsSent()).isEqualTo(sent.get());
        assertThat(run.checked()).isEqualTo(run.total());
        assertThat(runs.find("run-" + tag)).get().extracting(ReconcileRun::status).isEqualTo(ReconcileRun.DONE);
        assertThat(run.toString()).doesNotContain("@example.com");
    }

    @Test
    void givenReportMode_thenDriftIsListedAndNothingIsSent() {
        String removed = paying("report", 804);
        VENDORS.groups.get(101L).remove(email(removed));

        ReconcileRun run = reconciler(this::collect, 50).run("report-" + tag, ReconcileProperties.REPORT, "test", () -> { });

        assertThat(sent.get()).as("nothing sent, for any customer").isZero();
        assertThat(run.repairsSent()).isZero();
        assertThat(found.get(removed).kinds()).containsExactly(CustomerDrift.CIRCLE_MISSING);
        assertThat(run.counts().get(CustomerDrift.CIRCLE_MISSING)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void givenAPaidGroupMemberNobodyPaysFor_thenOneSupportTaskEvenAfterTwoRuns() {
        String stranger = "stranger-" + tag + "@example.com";
        VENDORS.member(102, stranger);
        try {
            reconciler(this::collect, 50).run("orphan-a-" + tag, ReconcileProperties.REPAIR, "test", () -> { });
            ReconcileRun second = reconciler(this::collect, 50).run("orphan-b-" + tag, ReconcileProperties.REPAIR, "test", () -> { });

            String subject = "circle-member:" + ReconcileStandIns.memberId(stranger);
            assertThat(second.counts().get(ReconcileRun.UNKNOWN_MEMBER)).isGreaterThanOrEqualTo(1);
            var open = tasks.findByCustomerIdOrderByCreatedAtDesc(subject);
            assertThat(open).hasSize(1);
            assertThat(open.get(0).summary()).contains("102").doesNotContain(stranger);
        } finally {
            VENDORS.groups.get(102L).remove(stranger);
        }
    }

    @Test
    void givenARunThatFailsHalfWay_thenTheResumedRunGoesOnAndRepairsEachCustomerOnce() {
        for (int i = 0; i < 6; i++) {
            String c = paying("resume" + i, 810 + i);
            VENDORS.groups.get(101L).remove(email(c));
        }
        String failAt = customer("resume4");
        AtomicInteger attempts = new AtomicInteger();
        DriftReconciler.Repairs flaky = (customerId, repair) -> {
            if (customerId.equals(failAt) && attempts.getAndIncrement() == 0) {
                throw new IllegalStateException("Temporal unreachable");
            }
            sent.incrementAndGet();
            if (customerId.startsWith(customer(""))) {
                repairCounts.merge(customerId, 1, Integer::sum);
            }
            return true;
        };
        String id = "resume-" + tag;

        assertThatThrownBy(() -> reconciler(flaky, 2).run(id, ReconcileProperties.REPAIR, "test", () -> { }))
                .hasMessageContaining("Temporal unreachable");
        ReconcileRun failed = runs.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(ReconcileRun.FAILED);
        assertThat(failed.cursor()).isNotNull();

        ReconcileRun resumed = reconciler(flaky, 2).run(id, ReconcileProperties.REPAIR, "test", () -> { });

        assertThat(resumed.status()).isEqualTo(ReconcileRun.DONE);
        assertThat(repairCounts).hasSize(6);
        assertThat(repairCounts.values().stream().mapToInt(Integer::intValue).sum())
                .as("only the unfinished page (2 customers) may be sent twice").isLessThanOrEqualTo(6 + 1);
        assertThat(resumed.checked()).as("every customer counted once across both attempts")
                .isEqualTo(resumed.total());
        assertThat(resumed.startedAt()).isEqualTo(failed.startedAt());
    }

    @Test
    void givenCircleAnswers429WithRetryAfter_thenTheListingWaitsThatLongAndAsksAgain() {
        paying("limited", 820);
        VENDORS.circleRateLimitedOnce.set(true);
        long start = System.nanoTime();

        ReconcileRun run = reconciler(this::collect, 50).run("limited-" + tag, ReconcileProperties.REPORT, "test", () -> { });

        assertThat(run.status()).isEqualTo(ReconcileRun.DONE);
        assertThat(run.calls().get("rate_limited")).isEqualTo(1);
        assertThat(VENDORS.circleRateLimitedOnce).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void givenCircleListsNoAddresses_thenMembershipIsCheckedPerCustomer() {
        String removed = paying("unlisted", 830);
        VENDORS.groups.get(101L).remove(email(removed));
        VENDORS.circleListsEmails = false;
        try {
            reconciler(this::collect, 50).run("unlisted-" + tag, ReconcileProperties.REPAIR, "test", () -> { });
        } finally {
            VENDORS.circleListsEmails = true;
        }

        assertThat(repairs.get(removed).circleMissing()).containsExactly(101L);
        assertThat(VENDORS.circleChecks).contains(email(removed));
    }
}
