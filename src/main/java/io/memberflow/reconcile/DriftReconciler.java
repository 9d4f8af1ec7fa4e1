package io.memberflow.reconcile;

import io.memberflow.persistence.CustomerView;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.workflow.DriftRepair;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One reconciliation run: lists what the vendors hold ({@link RosterLoader}), then goes through every customer by
 * id, a page ({@value #PAGE}) at a time, comparing ({@link DriftCompare}) and, in repair mode, sending each drifted customer's
 * workflow a {@link DriftRepair} (through {@link Repairs}). Progress is saved after every page, so a retried or
 * resumed run goes on after the last customer it checked. Finally, paid-group members nobody pays for are reported
 * ({@link UnknownMembers}). Logs counts and customer ids only.
 */
final class DriftReconciler {
    static final int PAGE = 200;
    /** Drifted customers a run names in its report; the counts cover all of them. */
    static final int MAX_EXAMPLES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(DriftReconciler.class);

    /** Sends a repair to a customer's workflow; false when the customer has no workflow. */
    interface Repairs {
        boolean send(String customerId, DriftRepair repair);
    }

    private final CustomerViewStore store;
    private final ReconcileRuns runs;
    private final RosterLoader loader;
    private final DriftCompare compare;
    private final UnknownMembers unknown;
    private final Repairs repairs;
    private final Predicate<String> suppressed;
    private final Clock clock;
    private final java.util.Set<Long> paidGroups;
    private final java.util.Set<Long> tags;
    private final int pageSize;
    private final java.util.function.Consumer<CustomerDrift> observer;

    DriftReconciler(CustomerViewStore store, ReconcileRuns runs, RosterLoader loader, UnknownMembers unknown,
                    Repairs repairs, Predicate<String> suppressed, Clock clock, java.util.Set<Long> paidGroups,
                    java.util.Set<Long> tags, int pageSize, java.util.function.Consumer<CustomerDrift> observer) {
        this.store = store;
        this.runs = runs;
        this.loader = loader;
        this.compare = new DriftCompare(paidGroups, tags);
        this.unknown = unknown;
        this.repairs = repairs;
        this.suppressed = suppressed;
        this.clock = clock;
        this.paidGroups = paidGroups;
        this.tags = tags;
        this.pageSize = pageSize;
        this.observer = observer;
    }

    /** Runs (or goes on with) run {@code runId} in {@code mode}; {@code heartbeat} is called after every page. */
    ReconcileRun run(String runId, String mode, String trigger, Runnable heartbeat) {
        Instant now = clock.instant();
        ReconcileRun stored = runs.find(runId).orElse(null);
        if (stored != null && (ReconcileRun.DONE.equals(stored.status()))) {
            return stored;
        }
        Progress p = stored == null ? Progress.start(runId, mode, trigger, store.customerCount(), now) : Progress.resume(stored, mode);
        ReconcileRun saved = p.snapshot(ReconcileRun.RUNNING, now, null);
        runs.save(saved);
        try {
            Roster roster = loader.load(paidGroups, tags, listingProgress(p, heartbeat));
            List<CustomerView> page;
            do {
                page = store.pageAfter(p.cursor, pageSize);
                for (CustomerView view : page) {
                    check(p, view, roster);
                }
                if (!page.isEmpty()) {
                    p.cursor = page.get(page.size() - 1).customerId();
                }
                p.calls(loader);
                saved = p.snapshot(ReconcileRun.RUNNING, clock.instant(), null);
                runs.save(saved);
                heartbeat.run();
            } while (page.size() == pageSize);
            p.tasksOpened += unknown.report(roster, paidGroups, ReconcileProperties.REPAIR.equals(p.mode), p::found);
            p.calls(loader);
            ReconcileRun done = p.snapshot(ReconcileRun.DONE, clock.instant(), null);
            runs.save(done);
            LOG.info("Reconciliation {} ({}) done: {} customer(s) checked, {}, {} repair(s) sent, calls {}", runId, p.mode,
                    p.checked, p.counts, p.repairsSent, p.allCalls);
            return done;
        } catch (io.memberflow.quota.QuotaPaused e) {
            p.calls(loader);
            ReconcileRun paused = new ReconcileRun(saved.id(), saved.mode(), saved.trigger(), ReconcileRun.PAUSED,
                    saved.startedAt(), clock.instant(), clock.instant(), saved.total(), saved.checked(), saved.cursor(),
                    saved.counts(), saved.examples(), p.snapshot(ReconcileRun.PAUSED, clock.instant(), null).calls(),
                    saved.repairsSent(), saved.tasksOpened(), e.getMessage());
            runs.save(paused);
            LOG.warn("Reconciliation {} {}", runId, e.getMessage());
            return paused;
        } catch (RuntimeException e) {
            // the counts stay those of the last whole page: a resumed run checks the unfinished page again
            p.calls(loader);
            runs.save(new ReconcileRun(saved.id(), saved.mode(), saved.trigger(), ReconcileRun.FAILED, saved.startedAt(),
                    clock.instant(), clock.instant(), saved.total(), saved.checked(), saved.cursor(), saved.counts(),
                    saved.examples(), p.snapshot(ReconcileRun.FAILED, clock.instant(), null).calls(), saved.repairsSent(),
                    saved.tasksOpened(), e instanceof PatientCalls.RunStopped ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage()));
            LOG.warn("Reconciliation {} stopped after {} customer(s): {}", runId, saved.checked(), e.getClass().getSimpleName());
            throw e;
        }
    }

    /** While the vendors are listed: heartbeat every page, and save the calls made so far at most once a second. */
    private Runnable listingProgress(Progress p, Runnable heartbeat) {
        long[] savedAt = {0};
        return () -> {
            long now = System.nanoTime();
            if (now - savedAt[0] >= 1_000_000_000L) {
                savedAt[0] = now;
                p.calls(loader);
                runs.save(p.snapshot(ReconcileRun.RUNNING, clock.instant(), null));
            }
            heartbeat.run();
        };
    }

    private void check(Progress p, CustomerView view, Roster roster) {
        CustomerDrift drift = compare.compare(view, roster, suppressed);
        p.checked++;
        observer.accept(drift);
        for (String kind : drift.kinds()) {
            p.found(kind, new DriftExample(drift.customerId(), kind, drift.ids(kind), null));
        }
        if (ReconcileProperties.REPAIR.equals(p.mode) && drift.repairable()) {
            DriftRepair repair = new DriftRepair(p.id, drift.circleMissing(), drift.circleExtra(), drift.kitTagMissing(),
                    drift.kitTagExtra(), drift.billing() != null);
            if (repairs.send(view.customerId(), repair)) {
                p.repairsSent++;
            } else {
                p.found("repair_failed", new DriftExample(view.customerId(), "repair_failed", java.util.Set.of(),
                        "no workflow for this customer"));
            }
        }
    }

    /** The counters of one run, carried from page to page (and from a stored row when resumed). */
    static final class Progress {
        final String id;
        final String mode;
        final String trigger;
        final Instant startedAt;
        final int total;
        int checked;
        @Nullable String cursor;
        final Map<String, Integer> counts;
        final List<DriftExample> examples;
        final Map<String, Long> baseCalls;
        Map<String, Long> allCalls;
        int repairsSent;
        int tasksOpened;

        private Progress(String id, String mode, String trigger, Instant startedAt, int total, Map<String, Integer> counts,
                         List<DriftExample> examples, Map<String, Long> baseCalls) {
            this.id = id;
            this.mode = mode;
            this.trigger = trigger;
            this.startedAt = startedAt;
            this.total = total;
            this.counts = counts;
            this.examples = examples;
            this.baseCalls = baseCalls;
            this.allCalls = new LinkedHashMap<>(baseCalls);
        }

        static Progress start(String id, String mode, String trigger, int total, Instant now) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            CustomerDrift.KINDS.forEach(k -> counts.put(k, 0));
            counts.put(ReconcileRun.UNKNOWN_MEMBER, 0);
            return new Progress(id, mode, trigger, now, total, counts, new ArrayList<>(), Map.of());
        }

        static Progress resume(ReconcileRun r, String mode) {
            Progress p = new Progress(r.id(), r.mode() != null ? r.mode() : mode, r.trigger(), r.startedAt(), r.total(),
                    new LinkedHashMap<>(r.counts()), new ArrayList<>(r.examples()), new LinkedHashMap<>(r.calls()));
            p.checked = r.checked();
            p.cursor = r.cursor();
            p.repairsSent = r.repairsSent();
            p.tasksOpened = r.tasksOpened();
            return p;
        }

        void found(String kind, DriftExample example) {
            counts.merge(kind, 1, Integer::sum);
            if (!kind.equals(CustomerDrift.OK) && examples.size() < MAX_EXAMPLES) {
                examples.add(example);
            }
        }

        void calls(RosterLoader loader) {
            allCalls = new LinkedHashMap<>();
            allCalls.put("circle", baseCalls.getOrDefault("circle", 0L) + loader.circleCalls.get());
            allCalls.put("circle_lookups", baseCalls.getOrDefault("circle_lookups", 0L) + loader.circleLookups.get());
            allCalls.put("kit", baseCalls.getOrDefault("kit", 0L) + loader.kitCalls.get());
            allCalls.put("stripe", baseCalls.getOrDefault("stripe", 0L) + loader.stripeCalls.get());
            allCalls.put("rate_limited", baseCalls.getOrDefault("rate_limited", 0L) + loader.rateLimited());
            allCalls.put("retried", baseCalls.getOrDefault("retried", 0L) + loader.transientFailures());
        }

        ReconcileRun snapshot(String status, Instant now, @Nullable String error) {
            Map<String, Long> calls = new LinkedHashMap<>(allCalls);
            calls.put("signals", (long) repairsSent);
            return new ReconcileRun(id, mode, trigger, status, startedAt, now, ReconcileRun.RUNNING.equals(status) ? null : now,
                    total, checked, cursor, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts)),
                    List.copyOf(examples), calls, repairsSent, tasksOpened, error);
        }
    }
}
