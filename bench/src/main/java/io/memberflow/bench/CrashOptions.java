package io.memberflow.bench;

import java.time.Duration;
import java.util.List;

/**
 * Options of {@code bench --crash} and {@code bench --replicas}, with their defaults and checks; parsed by picocli
 * ({@link BenchArgs}).
 */
record CrashOptions(int customers, double rate, Duration killAt, Duration settle, List<String> kills,
                    String temporalScript, String temporal, String jar, String xmx, int connections, String json) {

    static CrashOptions parse(String[] args) {
        return from(BenchArgs.parse(args));
    }

    static CrashOptions from(BenchArgs a) {
        a.onlyOptionsOf(BenchArgs.Mode.CRASH);
        List<String> kills = List.of(BenchOptions.or(a.kills, String.join(",", CrashBench.KINDS)).split(","));
        if (!CrashBench.KINDS.containsAll(kills)) {
            throw new IllegalArgumentException("--kills takes a comma-separated list of " + CrashBench.KINDS);
        }
        int customers = BenchOptions.or(a.customers, 100);
        double rate = BenchOptions.or(a.rate, 20.0);
        if (customers <= 0 || rate <= 0) {
            throw new IllegalArgumentException("--customers and --rate must be positive");
        }
        return new CrashOptions(customers, rate, BenchOptions.or(a.killAt, Duration.ofSeconds(5)),
                BenchOptions.or(a.settle, Duration.ofSeconds(120)), kills,
                BenchOptions.or(a.temporalScript, "scripts/temporal-dev-server.sh"), a.temporal, a.jar,
                BenchOptions.or(a.xmx, "512m"), BenchOptions.or(a.connections, 32), a.json);
    }
}
