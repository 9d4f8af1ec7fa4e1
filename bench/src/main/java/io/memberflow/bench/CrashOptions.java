package io.memberflow.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of {@code bench --crash} and {@code bench --replicas}, with their defaults and checks. */
record CrashOptions(int customers, double rate, Duration killAt, Duration settle, List<String> kills,
                    String temporalScript, String temporal, String jar, String xmx, int connections, String json) {

    static final Set<String> KNOWN = Set.of("customers", "rate", "kill-at", "settle", "kills", "temporal-script",
            "temporal", "jar", "xmx", "connections", "json");

    static CrashOptions parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--crash") || args[i].equals("--replicas")) {
                continue;
            }
            String name = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !KNOWN.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; known: --"
                        + String.join(" --", new java.util.TreeSet<>(KNOWN)));
            }
            o.put(name, args[++i]);
        }
        List<String> kills = List.of(o.getOrDefault("kills", String.join(",", CrashBench.KINDS)).split(","));
        if (!CrashBench.KINDS.containsAll(kills)) {
            throw new IllegalArgumentException("--kills takes a comma-separated list of " + CrashBench.KINDS);
        }
        int customers = Integer.parseInt(o.getOrDefault("customers", "100"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "20"));
        if (customers <= 0 || rate <= 0) {
            throw new IllegalArgumentException("--customers and --rate must be positive");
        }
        return new CrashOptions(customers, rate, BenchOptions.duration(o.getOrDefault("kill-at", "5s")),
                BenchOptions.duration(o.getOrDefault("settle", "120s")), kills,
                o.getOrDefault("temporal-script", "scripts/temporal-dev-server.sh"), o.get("temporal"), o.get("jar"),
                o.getOrDefault("xmx", "512m"), Integer.parseInt(o.getOrDefault("connections", "32")), o.get("json"));
    }
}
