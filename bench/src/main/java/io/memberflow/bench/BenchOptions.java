package io.memberflow.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of {@code bench}, with their defaults and checks. */
record BenchOptions(String url, String temporal, int customers, double rate, String order, long lagMs,
                    Duration settle, Duration vendorLatency, double circle503, int kitRateLimit,
                    Duration outageLength, Duration outageAt, String temporalScript, String jsonPath,
                    int connections, String xmx, int historySample, String jar, int standInPort,
                    String secret, java.util.List<String> cpuPidFiles, int warmUp) {

    static final Set<String> KNOWN = Set.of("url", "temporal", "customers", "rate", "order", "lag-ms", "settle",
            "vendor-latency", "circle-503", "kit-rate-limit", "temporal-outage", "temporal-script", "json",
            "connections", "xmx", "history-sample", "jar", "stand-in-port", "secret", "cpu-pid-files", "warm-up");

    static BenchOptions parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !KNOWN.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; known: --"
                        + String.join(" --", new java.util.TreeSet<>(KNOWN)));
            }
            o.put(name, args[++i]);
        }
        String order = o.getOrDefault("order", "shuffled");
        if (!Set.of("created", "reverse", "shuffled").contains(order)) {
            throw new IllegalArgumentException("--order must be created, reverse or shuffled");
        }
        Duration outageLength = null;
        Duration outageAt = null;
        if (o.containsKey("temporal-outage")) {
            String[] parts = o.get("temporal-outage").split("@");
            if (parts.length != 2 || !o.containsKey("temporal")) {
                throw new IllegalArgumentException("--temporal-outage LENGTH@START (e.g. 60s@20s) needs --temporal");
            }
            outageLength = duration(parts[0]);
            outageAt = duration(parts[1]);
        }
        double rate = Double.parseDouble(o.getOrDefault("rate", "50"));
        int customers = Integer.parseInt(o.getOrDefault("customers", "300"));
        if (rate <= 0 || customers <= 0) {
            throw new IllegalArgumentException("--rate and --customers must be positive");
        }
        return new BenchOptions(o.get("url"), o.get("temporal"), customers, rate, order,
                Long.parseLong(o.getOrDefault("lag-ms", "0")), duration(o.getOrDefault("settle", "60s")),
                duration(o.getOrDefault("vendor-latency", "0ms")), Double.parseDouble(o.getOrDefault("circle-503", "0")),
                Integer.parseInt(o.getOrDefault("kit-rate-limit", "0")), outageLength, outageAt,
                o.getOrDefault("temporal-script", "scripts/temporal-dev-server.sh"), o.get("json"),
                Integer.parseInt(o.getOrDefault("connections", "64")), o.getOrDefault("xmx", "512m"),
                Integer.parseInt(o.getOrDefault("history-sample", "20")), o.get("jar"),
                Integer.parseInt(o.getOrDefault("stand-in-port", "0")), o.get("secret"),
                o.containsKey("cpu-pid-files") ? java.util.List.of(o.get("cpu-pid-files").split(",")) : java.util.List.of(),
                warmUp(o.getOrDefault("warm-up", "0")));
    }

    private static int warmUp(String value) {
        int n = Integer.parseInt(value);
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
