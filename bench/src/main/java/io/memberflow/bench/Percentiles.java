package io.memberflow.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nearest-rank percentiles of a set of samples (milliseconds in the bench). */
record Percentiles(int count, double p50, double p95, double p99, double max) {

    static Percentiles of(Collection<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    /** The smallest sample such that at least p percent of the samples are at or below it. */
    static double rank(List<Double> sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50", round(p50));
        m.put("p95", round(p95));
        m.put("p99", round(p99));
        m.put("max", round(max));
        return m;
    }

    String row() {
        return count == 0 ? "n/a" : String.format("p50 %s  p95 %s  p99 %s  max %s", fmt(p50), fmt(p95), fmt(p99), fmt(max));
    }

    private static String fmt(double ms) {
        return ms >= 10_000 ? String.format("%.1f s", ms / 1000) : String.format("%.0f ms", ms);
    }

    private static Object round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }
}
