package io.memberflow.reconcile;

import io.memberflow.activities.CustomerSnapshot;
import io.memberflow.activities.SupportActivities;
import io.memberflow.integrations.RatePacer;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.persistence.CircleMemberStore;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.persistence.SupportTaskRepository;
import io.memberflow.standin.CircleStandIn;
import io.memberflow.support.DatabaseTest;
import io.memberflow.workflow.DriftRepair;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reconciliation run against the real {@code customer_view}, {@code circle_member} and {@code reconcile_run} tables
 * and the faithful Circle and Kit stand-ins, whose group listings name members by id only. Repairs are collected
 * instead of signalled (the workflow side is DriftRepairWorkflowTest). Plan "pro": Circle group 101, Kit tag 9001;
 * paid group 102; lifecycle tag 9102.
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
    CircleMemberStore members;
    @Inject
    io.memberflow.persistence.CircleQuotaStore quotaStore;
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
        VENDORS.circle.rateLimit(0, Duration.ofSeconds(1));
    }

    @AfterAll
    void stop() {
        VENDORS.close();
    }

    private String customer(String name) {
        return "cus_run" + tag + "_" + name;
    }

    private static String email(String customer) {
        return customer.replace('_', '-') + "@example.com";
    }

    private void record(String customer, String state, Set<Long> groups, Set<Long> tags) {
        store.write(new CustomerSnapshot(customer, "customer-" + customer, email(customer), state, "pro", !groups.isEmpty(),
                groups, tags, "NONE", "evt_" + customer, "invoice.paid", 1_700_000_000L, false, null, 1, null), List.of());
    }

    /** A paying "pro" customer as memberflow recorded it (member id kept at grant time), and as Circle and Kit hold it. */
    private String paying(String name) {
        String customer = customer(name);
        record(customer, "ACTIVE", Set.of(101L), Set.of(9001L));
        long member = VENDORS.payingMember(email(customer));
        members.record(customer, member, CircleMemberStore.GRANT, Instant.now());
        return customer;
    }

    private DriftReconciler reconciler(CircleStandIn circle, DriftReconciler.Repairs sink, int pageSize, Set<Long> paidGroups) {
        return reconciler(circle, sink, pageSize, paidGroups, RosterLoader.CircleBudget.UNLIMITED);
    }

    private DriftReconciler reconciler(CircleStandIn circle, DriftReconciler.Repairs sink, int pageSize, Set<Long> paidGroups,
                                       RosterLoader.CircleBudget budget) {
        RosterLoader loader = new RosterLoader(
                new CircleClient(circle.baseUrl(), "circle-token", VendorHttp.defaultHttpClient(), Duration.ofSeconds(1)),
                new KitClient(VENDORS.kitUrl(), "kit-key"), null, new RatePacer(500), new RatePacer(500),
                new RatePacer(500), new PatientCalls(Duration.ofMillis(10), Duration.ofSeconds(30), w -> Thread.sleep(w.toMillis())),
                new ListedMembers(members, store, Clock.systemUTC()), budget);
        return new DriftReconciler(store, runs, loader, new UnknownMembers(support), sink, email -> false,
                Clock.systemUTC(), paidGroups, Set.of(9001L, 9102L), pageSize, drift -> {
                    if (drift.customerId().startsWith(customer(""))) {
                        found.put(drift.customerId(), drift);
                    }
                });
    }

    private DriftReconciler reconciler(DriftReconciler.Repairs sink, int pageSize) {
        return reconciler(VENDORS.circle, sink, pageSize, Set.of(101L, 102L));
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
        String removed = paying("removed");
        String tagged = paying("tagged");
        String fine = paying("fine");
        VENDORS.circle.removeFromGroup(email(removed), 101);
        VENDORS.kit.seedSubscriber(email(tagged), Set.of(9102L));

        List<Long> listedBeforeChecking = new java.util.concurrent.CopyOnWriteArrayList<>();
        ReconcileRun run = reconciler(this::collect, 50).run("run-" + tag, ReconcileProperties.REPAIR, "test", () ->
                runs.find("run-" + tag).filter(r -> r.checked() == 0).ifPresent(r -> listedBeforeChecking.add(r.calls().get("circle"))));

        assertThat(run.status()).isEqualTo(ReconcileRun.DONE);
        assertThat(listedBeforeChecking).as("progress shows the listing calls before any customer is checked")
                .anySatisfy(calls -> assertThat(calls).isPositive());
        assertThat(repairs).containsOnlyKeys(removed, tagged);
        assertThat(repairs.get(removed).circleMissing()).containsExactly(101L);
        assertThat(repairs.get(removed).runId()).isEqualTo("run-" + tag);
        assertThat(repairs.get(tagged).kitTagExtra()).containsExactly(9102L);
        assertThat(found.get(fine).kinds()).containsExactly(CustomerDrift.OK);
        assertThat(run.calls().get("circle")).as("one listing page of group 101, one of 102, no lookup").isEqualTo(2);
        assertThat(run.repairsSent()).isEqualTo(sent.get());
        assertThat(run.checked()).isEqualTo(run.total());
        assertThat(run.toString()).doesNotContain("@example.com");
    }

    @Test
    void givenReportMode_thenDriftIsListedAndNothingIsSent() {
        String removed = paying("report");
        VENDORS.circle.removeFromGroup(email(removed), 101);

        ReconcileRun run = reconciler(this::collect, 50).run("report-" + tag, ReconcileProperties.REPORT, "test", () -> { });

        assertThat(sent.get()).as("nothing sent, for any customer").isZero();
        assertThat(run.repairsSent()).isZero();
        assertThat(found.get(removed).kinds()).containsExactly(CustomerDrift.CIRCLE_MISSING);
    }

    @Test
    void givenKitTagsChangedByHand_thenReportModeNamesTheMissingAndTheManagedExtraTagButNotAnUnmanagedOne() {
        String untagged = paying("untagged");
        String tagged = paying("lifecycle");
        VENDORS.kit.removeTag(email(untagged), 9001);
        // the past-due lifecycle tag, which memberflow has not applied, and 4242, which it does not manage: not drift
        VENDORS.kit.seedSubscriber(email(tagged), Set.of(9102L, 4242L));

        ReconcileRun run = reconciler(this::collect, 50).run("kit-" + tag, ReconcileProperties.REPORT, "test", () -> { });

        assertThat(run.status()).isEqualTo(ReconcileRun.DONE);
        assertThat(found.get(untagged).kinds()).containsExactly(CustomerDrift.KIT_TAG_MISSING);
        assertThat(found.get(untagged).kitTagMissing()).containsExactly(9001L);
        assertThat(found.get(tagged).kinds()).containsExactly(CustomerDrift.KIT_TAG_EXTRA);
        assertThat(found.get(tagged).kitTagExtra()).containsExactly(9102L);
        assertThat(sent.get()).as("report mode sends nothing").isZero();
        assertThat(run.counts().get(CustomerDrift.KIT_TAG_MISSING)).isPositive();
        assertThat(run.counts().get(CustomerDrift.KIT_TAG_EXTRA)).isPositive();
    }

    @Test
    void givenAPaidGroupMemberNobodyPaysFor_thenItIsLookedUpOnceAndGetsOneSupportTaskEvenAfterTwoRuns() {
        String stranger = "stranger-" + tag + "@example.com";
        long strangerId = VENDORS.circle.seedMember(stranger, Set.of(102L));
        try {
            long lookupsBefore = VENDORS.circle.served(CircleStandIn.GET_MEMBER);
            ReconcileRun first = reconciler(this::collect, 50).run("orphan-a-" + tag, ReconcileProperties.REPAIR, "test", () -> { });
            long lookupsAfterFirst = VENDORS.circle.served(CircleStandIn.GET_MEMBER);
            ReconcileRun second = reconciler(this::collect, 50).run("orphan-b-" + tag, ReconcileProperties.REPAIR, "test", () -> { });

            assertThat(lookupsAfterFirst - lookupsBefore).as("looked up once").isEqualTo(1);
            assertThat(VENDORS.circle.served(CircleStandIn.GET_MEMBER)).as("then known").isEqualTo(lookupsAfterFirst);
            assertThat(first.calls().get("circle_lookups")).isEqualTo(1);
            assertThat(second.calls().get("circle_lookups")).isZero();
            String subject = "circle-member:" + strangerId;
            assertThat(second.counts().get(ReconcileRun.UNKNOWN_MEMBER)).isGreaterThanOrEqualTo(1);
            var open = tasks.findByCustomerIdOrderByCreatedAtDesc(subject);
            assertThat(open).hasSize(1);
            assertThat(open.get(0).summary()).contains("102").doesNotContain(stranger);
        } finally {
            VENDORS.circle.removeFromGroup(stranger, 102);
        }
    }

    @Test
    void givenACustomerFromBeforeMemberIdsWereKept_thenTheirListedIdIsLookedUpOnceAndRecorded() {
        String old = customer("old");
        record(old, "ACTIVE", Set.of(101L), Set.of(9001L));
        long member = VENDORS.payingMember(email(old)); // no member id recorded for them

        ReconcileRun first = reconciler(this::collect, 50).run("learn-a-" + tag, ReconcileProperties.REPAIR, "test", () -> { });
        ReconcileRun second = reconciler(this::collect, 50).run("learn-b-" + tag, ReconcileProperties.REPAIR, "test", () -> { });

        assertThat(found.get(old).kinds()).containsExactly(CustomerDrift.OK);
        assertThat(members.memberOf(old)).contains(member);
        assertThat(first.calls().get("circle_lookups")).isEqualTo(1);
        assertThat(second.calls().get("circle_lookups")).isZero();
        assertThat(repairs).doesNotContainKey(old);
    }

    @Test
    void givenAKnownCustomerAddedByHandToAPaidGroupBillingDoesNotGive_thenCircleExtraIsRevokedByTheRepair() {
        String payer = paying("payer");
        VENDORS.circle.seedMember(email(payer), Set.of(102L)); // a second paid group, by hand
        String lapsed = customer("lapsed");
        record(lapsed, "CANCELED", Set.of(), Set.of());
        VENDORS.circle.seedMember(email(lapsed), Set.of(101L)); // never granted by memberflow: no member id recorded

        reconciler(this::collect, 50).run("extra-" + tag, ReconcileProperties.REPAIR, "test", () -> { });

        assertThat(repairs.get(payer).circleExtra()).containsExactly(102L);
        assertThat(repairs.get(lapsed).circleExtra()).as("its address is a customer's: extra, not unknown").containsExactly(101L);
        assertThat(found.get(lapsed).kinds()).containsExactly(CustomerDrift.CIRCLE_EXTRA);
    }

    @Test
    void givenTwoCustomersSharingOneAddress_thenTheGroupOneOfThemPaysForIsNotExtraForTheOther() {
        String paid = paying("twinpaid");
        String twin = customer("twin");
        store.write(new CustomerSnapshot(twin, "customer-" + twin, email(paid), "CANCELED", "pro", false,
                Set.of(), Set.of(), "NONE", "evt_twin", "customer.subscription.deleted", 1_700_000_000L, false, null, 1, null),
                List.of());
        members.record(twin, VENDORS.circle.memberId(email(paid)), CircleMemberStore.GRANT, Instant.now());

        reconciler(this::collect, 50).run("twins-" + tag, ReconcileProperties.REPAIR, "test", () -> { });

        assertThat(found.get(twin).circleExtra()).isEmpty();
        assertThat(repairs).doesNotContainKeys(paid, twin);
    }

    @Test
    void givenARunThatFailsHalfWay_thenTheResumedRunGoesOnAndRepairsEachCustomerOnce() {
        for (int i = 0; i < 6; i++) {
            String c = paying("resume" + i);
            VENDORS.circle.removeFromGroup(email(c), 101);
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
        assertThat(resumed.checked()).as("every customer counted once across both attempts").isEqualTo(resumed.total());
        assertThat(resumed.startedAt()).isEqualTo(failed.startedAt());
    }

    @Test
    void givenCirclesRateLimit_thenThe429sAreWaitedOutAndTheRunGoesOn() {
        paying("limited");
        VENDORS.circle.rateLimit(1, Duration.ofSeconds(1));
        long start = System.nanoTime();

        ReconcileRun run = reconciler(this::collect, 50).run("limited-" + tag, ReconcileProperties.REPORT, "test", () -> { });

        assertThat(run.status()).isEqualTo(ReconcileRun.DONE);
        assertThat(run.calls().get("rate_limited")).isPositive();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void givenThirtyPercentOfCircleCallsAnswered503_thenTheRunStillFinishesAndFindsTheSameDrift() throws Exception {
        try (CircleStandIn flaky = new CircleStandIn("circle-token", Duration.ZERO, 0.3, 0).accessGroup(101, 102)) {
            for (int i = 0; i < 250; i++) {
                String c = customer("flaky" + i);
                record(c, "ACTIVE", Set.of(101L), Set.of(9001L));
                long member = flaky.seedMember(email(c), Set.of(101L));
                if (i % 10 != 0) {
                    members.record(c, member, CircleMemberStore.GRANT, Instant.now()); // every tenth is looked up
                }
                VENDORS.kit.seedSubscriber(email(c), Set.of(9001L));
            }
            flaky.removeFromGroup(email(customer("flaky7")), 101);

            ReconcileRun run = reconciler(flaky, this::collect, 100, Set.of(101L, 102L))
                    .run("flaky-" + tag, ReconcileProperties.REPORT, "test", () -> { });

            assertThat(run.status()).isEqualTo(ReconcileRun.DONE);
            assertThat(flaky.served("503 injected")).as("Circle failed calls").isPositive();
            assertThat(found.values()).filteredOn(d -> d.customerId().contains("_flaky"))
                    .filteredOn(d -> !d.kinds().equals(List.of(CustomerDrift.OK)))
                    .extracting(CustomerDrift::customerId).containsExactly(customer("flaky7"));
        }
    }

    @Test
    void givenBackgroundWorksShareOfCirclesQuotaAlmostSpent_thenTheRunPausesBeforeSpendingMoreAndAnOperatorCanLetItGoOn() {
        String removed = paying("quota");
        VENDORS.circle.removeFromGroup(email(removed), 101);
        io.memberflow.quota.CircleQuota quota = new io.memberflow.quota.CircleQuota(quotaStore, 100, 0.5,
                Clock.fixed(Instant.parse("2107-03-10T00:00:00Z"), java.time.ZoneOffset.UTC));
        quota.count(io.memberflow.quota.CircleQuota.Purpose.BACKGROUND, 49); // one request left of the share of 50
        long circleBefore = VENDORS.circle.total();
        String id = "paused-" + tag;

        ReconcileRun paused = reconciler(VENDORS.circle, this::collect, 50, Set.of(101L, 102L),
                (n, what) -> quota.requireBackground(n, what, false)).run(id, ReconcileProperties.REPAIR, "test", () -> { });

        assertThat(paused.status()).isEqualTo(ReconcileRun.PAUSED);
        assertThat(paused.error()).contains("listing the paid Circle groups needs about 2 more Circle request(s)",
                "1 left of its share", "2107-04-01T00:00:00Z", "overQuota");
        assertThat(VENDORS.circle.total()).as("no Circle request once it would go past the share").isEqualTo(circleBefore);
        assertThat(repairs).isEmpty();
        assertThat(runs.find(id)).get().extracting(ReconcileRun::status).isEqualTo(ReconcileRun.PAUSED);

        ReconcileRun resumed = reconciler(VENDORS.circle, this::collect, 50, Set.of(101L, 102L),
                (n, what) -> quota.requireBackground(n, what, true)).run(id, ReconcileProperties.REPAIR, "test", () -> { });

        assertThat(resumed.status()).isEqualTo(ReconcileRun.DONE);
        assertThat(repairs.get(removed).circleMissing()).containsExactly(101L);
    }

    @Test
    void givenAConfiguredPaidGroupCircleDoesNotHave_thenTheRunFailsForGoodSayingSo() {
        paying("nogroup");

        assertThatThrownBy(() -> reconciler(VENDORS.circle, this::collect, 50, Set.of(101L, 103L))
                .run("nogroup-" + tag, ReconcileProperties.REPORT, "test", () -> { }))
                .isInstanceOf(PatientCalls.RunStopped.class)
                .hasMessageContaining("access group 103 does not exist in Circle");
        ReconcileRun failed = runs.find("nogroup-" + tag).orElseThrow();
        assertThat(failed.status()).isEqualTo(ReconcileRun.FAILED);
        assertThat(failed.error()).startsWith("Circle answered for good").contains("access group 103 does not exist");
    }
}
