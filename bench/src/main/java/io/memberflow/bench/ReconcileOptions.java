package io.memberflow.bench;

import java.time.Duration;
import java.util.Set;

/**
 * Options of {@code bench --reconcile} (or {@code bench reconcile}), parsed by picocli ({@link BenchArgs}): its own
 * ({@code --drift}, {@code --billing-ended}, {@code --unknown-members}, {@code --repair-timeout}, {@code --seed}) and those of the journey bench it signs the
 * customers up with ({@link BenchOptions}: {@code --customers}, {@code --rate}, {@code --temporal}, {@code --settle},
 * {@code --json}, …). Options that would change the vendors' behaviour during the reconciliation, or that need a
 * memberflow the bench does not start, are refused.
 */
record ReconcileOptions(BenchOptions bench, double drift, int billingEnded, int unknownMembers, Duration repairTimeout,
                        long seed) {

    static final Set<String> OWN = Set.of("drift", "billing-ended", "unknown-members", "repair-timeout", "seed");
    /** Journey-bench options that make no sense here: the stand-ins must be local and behave as the vendors do. */
    static final Set<String> REFUSED = Set.of("url", "temporal-outage", "circle-503", "kit-rate-limit",
            "vendor-latency", "order", "lag-ms", "stand-in-port", "secret");
    /** The signup phase waits this long for every customer's access unless {@code --settle} says otherwise. */
    static final String DEFAULT_SETTLE = "600s";

    static ReconcileOptions parse(String[] args) {
        return from(BenchArgs.parse(args));
    }

    static ReconcileOptions from(BenchArgs a) {
        a.onlyOptionsOf(BenchArgs.Mode.RECONCILE);
        BenchOptions bench = BenchOptions.from(a, false, BenchOptions.duration(DEFAULT_SETTLE));
        double drift = BenchOptions.or(a.drift, 0.02);
        int billingEnded = BenchOptions.or(a.billingEnded, 5);
        int unknown = BenchOptions.or(a.unknownMembers, 5);
        if (drift < 0 || drift > 1 || billingEnded < 0 || unknown < 0) {
            throw new IllegalArgumentException("--drift is a share between 0 and 1; --billing-ended and --unknown-members"
                    + " are counts >= 0");
        }
        if (DriftPlan.drifted(bench.customers(), drift) + billingEnded > bench.customers()) {
            throw new IllegalArgumentException("--drift and --billing-ended ask for more customers than --customers");
        }
        return new ReconcileOptions(bench, drift, billingEnded, unknown,
                BenchOptions.or(a.repairTimeout, Duration.ofMinutes(5)), BenchOptions.or(a.seed, 1L));
    }
}
