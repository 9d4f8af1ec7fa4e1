package io.memberflow.bench;

import java.time.Duration;
import java.util.Set;

/**
 * Options of {@code bench} (journeys) and {@code bench --find-max}, with their defaults and checks; parsed by picocli
 * ({@link BenchArgs}). With {@code --find-max}, {@code rate} is the first step's offered rate and {@code customers}
 * is unused (each step signs up {@code rate × step duration / 3} customers).
 */
record BenchOptions(String url, String temporal, int customers, double rate, String order, long lagMs,
                    Duration settle, Duration vendorLatency, double circle503, int kitRateLimit,
                    Duration outageLength, Duration outageAt, String temporalScript, String jsonPath,
                    int connections, String xmx, int historySample, String jar, int standInPort,
                    String secret, java.util.List<String> cpuPidFiles, int warmUp,
                    Duration stepDuration, double stepFactor, int maxSteps) {

    /** The journey bench's options, as {@code bench [options]} parses them. */
    static BenchOptions parse(String[] args) {
        return from(BenchArgs.parse(args), false);
    }

    /** From parsed arguments: the journey bench's defaults, or {@code --find-max}'s (first step at 20 events/s). */
    static BenchOptions from(BenchArgs a, boolean findMax) {
        a.onlyOptionsOf(findMax ? BenchArgs.Mode.FIND_MAX : BenchArgs.Mode.JOURNEYS);
        return from(a, findMax, or(a.settle, Duration.ofSeconds(60)));
    }

    /** The journey options shared with {@code --reconcile}, with {@code settle} when none is given. */
    static BenchOptions from(BenchArgs a, boolean findMax, Duration settle) {
        String order = or(a.order, "shuffled");
        if (!Set.of("created", "reverse", "shuffled").contains(order)) {
            throw new IllegalArgumentException("--order must be created, reverse or shuffled");
        }
        Duration outageLength = null;
        Duration outageAt = null;
        if (a.temporalOutage != null) {
            String[] parts = a.temporalOutage.split("@");
            if (parts.length != 2 || a.temporal == null) {
                throw new IllegalArgumentException("--temporal-outage LENGTH@START (e.g. 60s@20s) needs --temporal");
            }
            outageLength = duration(parts[0]);
            outageAt = duration(parts[1]);
        }
        double rate = or(a.rate, findMax ? FindMax.DEFAULT_START_RATE : 50.0);
        int customers = or(a.customers, 300);
        if (rate <= 0 || customers <= 0) {
            throw new IllegalArgumentException("--rate and --customers must be positive");
        }
        Duration stepDuration = or(a.stepDuration, Duration.ofSeconds(60));
        double stepFactor = or(a.stepFactor, FindMax.DEFAULT_FACTOR);
        int maxSteps = or(a.maxSteps, FindMax.DEFAULT_MAX_STEPS);
        if (findMax && (stepDuration.toMillis() < 1000 || stepFactor <= 1 || maxSteps < 1)) {
            throw new IllegalArgumentException("--step-duration must be at least 1s, --step-factor above 1 and --max-steps"
                    + " at least 1");
        }
        return new BenchOptions(a.url, a.temporal, customers, rate, order, or(a.lagMs, 0L), a.settle != null ? a.settle : settle,
                or(a.vendorLatency, Duration.ZERO), or(a.circle503, 0.0), or(a.kitRateLimit, 0), outageLength, outageAt,
                or(a.temporalScript, "scripts/temporal-dev-server.sh"), a.json, or(a.connections, 64), or(a.xmx, "512m"),
                or(a.historySample, 20), a.jar, or(a.standInPort, 0), a.secret,
                a.cpuPidFiles != null ? java.util.List.of(a.cpuPidFiles.split(",")) : java.util.List.of(),
                warmUp(or(a.warmUp, 0)), stepDuration, stepFactor, maxSteps);
    }

    static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /** A copy for one step of {@code --find-max}: its offered rate and the customers that fill its duration. */
    BenchOptions step(double stepRate) {
        int stepCustomers = Math.max(1, (int) Math.round(stepRate * stepDuration.toMillis() / 1000.0 / JourneySender.TYPES.size()));
        return new BenchOptions(url, temporal, stepCustomers, stepRate, order, lagMs, settle, vendorLatency, circle503,
                kitRateLimit, outageLength, outageAt, temporalScript, jsonPath, connections, xmx, historySample, jar,
                standInPort, secret, cpuPidFiles, warmUp, stepDuration, stepFactor, maxSteps);
    }

    private static int warmUp(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("--warm-up must not be negative");
        }
        return n;
    }

    /** {@code 50ms}, {@code 60s}, {@code 2m}, or a bare number of milliseconds. */
    static Duration duration(String s) {
        String t = s.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
        }
        return Duration.ofMillis(Long.parseLong(t));
    }

    String temporalLabel() {
        if (temporal != null) {
            return temporal;
        }
        return url == null ? "embedded (memberflow's in-process test server)" : "unknown (--url given without --temporal)";
    }
}
