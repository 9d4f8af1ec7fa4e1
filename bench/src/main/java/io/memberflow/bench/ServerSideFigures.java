package io.memberflow.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What memberflow itself measured during a run, from two /prometheus snapshots (before and after): its own
 * acknowledgement time ({@code memberflow_webhook_ack_seconds}, a percentile histogram, so the quantiles are bucket
 * upper bounds), the JVM's GC pauses and the time webhooks and jobs waited for a pooled JDBC connection. The
 * difference between these and the sender's figures is time spent outside memberflow's request handling (the
 * sender, the kernel, the run queue).
 */
final class ServerSideFigures {
    /** A counter's or bucket's increase over the run, summed over every series of {@code name} matching {@code must}. */
    static double delta(String before, String after, String name, String must) {
        return sum(after, name, must) - sum(before, name, must);
    }

    static double sum(String metrics, String name, String must) {
        if (metrics == null) {
            return 0;
        }
        double total = 0;
        for (String line : (Iterable<String>) metrics.lines()::iterator) {
            if (matches(line, name, must)) {
                total += value(line);
            }
        }
        return total;
    }

    /** Largest value of the series of {@code name} (for Micrometer's decaying {@code _max} gauges). */
    static double max(String metrics, String name) {
        double max = Double.NaN;
        if (metrics == null) {
            return max;
        }
        for (String line : (Iterable<String>) metrics.lines()::iterator) {
            if (matches(line, name, null)) {
                double v = value(line);
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
        }
        return max;
    }

    /**
     * The {@code q} quantile (0..1) of the observations a histogram gained between the snapshots, as the upper bound
     * of the bucket it falls in, in seconds; NaN when nothing was observed.
     */
    static double quantile(String before, String after, String histogram, double q) {
        return quantile(before, after, histogram, null, q);
    }

    /** As {@link #quantile(String, String, String, double)}, over the series whose line contains {@code must}. */
    static double quantile(String before, String after, String histogram, String must, double q) {
        TreeMap<Double, Double> earlier = buckets(before, histogram, must);
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (Map.Entry<Double, Double> e : buckets(after, histogram, must).entrySet()) {
            cumulative.put(e.getKey(), e.getValue() - earlier.getOrDefault(e.getKey(), 0.0));
        }
        Double total = cumulative.get(Double.POSITIVE_INFINITY);
        if (total == null || total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= q * total) {
                return e.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static TreeMap<Double, Double> buckets(String metrics, String histogram, String must) {
        TreeMap<Double, Double> byBound = new TreeMap<>();
        if (metrics == null) {
            return byBound;
        }
        String name = histogram + "_bucket";
        for (String line : (Iterable<String>) metrics.lines()::iterator) {
            int le = line.indexOf("le=\"");
            if (matches(line, name, must) && le > 0) {
                String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                double b = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                byBound.merge(b, value(line), Double::sum);
            }
        }
        return byBound;
    }

    /** A sample line of metric {@code name} (not a longer name that starts with it), containing {@code must} if given. */
    private static boolean matches(String line, String name, String must) {
        return (line.startsWith(name + "{") || line.startsWith(name + " ")) && (must == null || line.contains(must));
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private ServerSideFigures() {
    }
}
