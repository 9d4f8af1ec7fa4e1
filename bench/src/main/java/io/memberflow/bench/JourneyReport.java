package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StandIn;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The journey bench's results: computed from what was sent and what the stand-ins saw; printed and saved as JSON. */
final class JourneyReport {
    final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    void setup(Map<String, Object> setup) {
        json.put("setup", setup);
        setup.forEach((k, v) -> rows.add(new String[]{k, String.valueOf(v)}));
    }

    void sends(List<JourneySender.Sent> sent, int customers) {
        List<Double> ack = new ArrayList<>();
        List<Double> fromSend = new ArrayList<>();
        Map<Integer, Integer> non2xx = new TreeMap<>();
        double maxLag = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (JourneySender.Sent s : sent) {
            ack.add(s.ackMs());
            fromSend.add(s.ackFromSendMs());
            maxLag = Math.max(maxLag, s.senderLagMs());
            first = Math.min(first, s.dueNanos());
            last = Math.max(last, s.sentNanos());
            if (s.status() < 200 || s.status() > 299) {
                non2xx.merge(s.status(), 1, Integer::sum);
            }
        }
        double seconds = sent.isEmpty() ? 0 : (last - first) / 1e9;
        Percentiles p = Percentiles.of(ack);
        int bad = non2xx.values().stream().mapToInt(Integer::intValue).sum();
        put("events sent", sent.size(), "events_sent");
        put("sending took", String.format("%.1f s (achieved %.1f events/s)", seconds, seconds > 0 ? sent.size() / seconds : 0),
                "sending_seconds", round(seconds));
        json.put("achieved_rate_per_s", round(seconds > 0 ? sent.size() / seconds : 0));
        put("non-2xx answers", bad + (non2xx.isEmpty() ? "" : " " + non2xx + " (0 = no answer)"), "non_2xx", bad);
        json.put("non_2xx_by_status", non2xx);
        put("ack latency (from due time)", p.row(), "ack_ms", p.toMap());
        put("ack latency (from send)", Percentiles.of(fromSend).row(), "ack_from_send_ms", Percentiles.of(fromSend).toMap());
        put("max sender lag behind schedule", String.format("%.1f ms", maxLag), "max_sender_lag_ms", round(maxLag));
        List<Integer> slow = slowBySecond(sent, first, SLOW_ACK_MS);
        put("acks over 50 ms (from due), by second of the run", slow.isEmpty() ? "none" : slow.toString(),
                "acks_over_50ms_by_second", slow);
    }

    /** What counts as a slow acknowledgement in {@link #slowBySecond}: the first-minute target's bound. */
    static final double SLOW_ACK_MS = 50;

    /**
     * How many acknowledgements took longer than {@code thresholdMs} from their due time, per second of the run
     * (by due time, counted from {@code firstDueNanos}), up to the last second that had one: where in the run the
     * tail sits, e.g. all in the first seconds after a cold start.
     */
    static List<Integer> slowBySecond(List<JourneySender.Sent> sent, long firstDueNanos, double thresholdMs) {
        List<Integer> counts = new ArrayList<>();
        for (JourneySender.Sent s : sent) {
            if (s.ackMs() <= thresholdMs) {
                continue;
            }
            int second = (int) ((s.dueNanos() - firstDueNanos) / 1_000_000_000L);
            while (counts.size() <= second) {
                counts.add(0);
            }
            counts.set(second, counts.get(second) + 1);
        }
        return counts;
    }

    void access(List<JourneySender.Sent> sent, List<StripeObjects> customers, CircleStandIn circle, KitStandIn kit) {
        long[] firstSend = new long[customers.size()];
        long[] paidSend = new long[customers.size()];
        java.util.Arrays.fill(firstSend, Long.MAX_VALUE);
        for (JourneySender.Sent s : sent) {
            firstSend[s.customer()] = Math.min(firstSend[s.customer()], s.sentEpochMs());
            if (s.type().equals("invoice.paid")) {
                paidSend[s.customer()] = s.sentEpochMs();
            }
        }
        List<Double> fromFirst = new ArrayList<>();
        List<Double> fromPaid = new ArrayList<>();
        List<List<Double>> byFifth = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        int tagged = 0;
        List<String> without = new ArrayList<>();
        for (int c = 0; c < customers.size(); c++) {
            Long grant = circle.firstGrantMillis(customers.get(c).email);
            if (grant != null) {
                fromFirst.add((double) (grant - firstSend[c]));
                byFifth.get(c * 5 / customers.size()).add((double) (grant - firstSend[c]));
                fromPaid.add((double) (grant - paidSend[c]));
            } else if (without.size() < 20) {
                without.add(customers.get(c).customerId + " " + order(sent, c));
            }
            if (kit.tagged(MemberflowLauncher.PLAN_TAG, customers.get(c).email)) {
                tagged++;
            }
        }
        put("paying customers with access", fromFirst.size() + " / " + customers.size(), "customers_with_access", fromFirst.size());
        json.put("paying_customers", customers.size());
        json.put("without_access_sample", without);
        put("paying customers with Kit tag 9001", tagged + " / " + customers.size(), "customers_with_kit_tag", tagged);
        Percentiles first = Percentiles.of(fromFirst);
        Percentiles paid = Percentiles.of(fromPaid);
        put("first event -> Circle access", first.row(), "first_event_to_access_ms", first.toMap());
        put("first event -> access, p50 / p95 by fifth of the run", byFifth.stream().map(f -> {
                    Percentiles q = Percentiles.of(f);
                    return String.format("%.1f/%.1f", q.p50() / 1000, q.p95() / 1000);
                }).collect(java.util.stream.Collectors.joining("  ")) + " s",
                "first_event_to_access_ms_by_fifth", byFifth.stream().map(f -> Percentiles.of(f).toMap()).toList());
        put("invoice.paid -> Circle access", paid.row() + " (negative: access came before invoice.paid was sent)",
                "invoice_paid_to_access_ms", paid.toMap());
        put("duplicate member creations", circle.duplicateCreations() + " (e-mails created more than once: "
                + circle.emailsCreatedMoreThanOnce() + ")", "duplicate_member_creations", circle.duplicateCreations());
        put("duplicate grants", String.valueOf(circle.duplicateGrants()), "duplicate_grants", circle.duplicateGrants());
    }

    /** The order in which a customer's events were sent, e.g. [invoice.paid, checkout.session.completed, ...]. */
    private static List<String> order(List<JourneySender.Sent> sent, int customer) {
        return sent.stream().filter(s -> s.customer() == customer)
                .sorted(java.util.Comparator.comparingLong(JourneySender.Sent::sentNanos))
                .map(JourneySender.Sent::type).toList();
    }

    void vendorCalls(String name, StandIn standIn, int customers) {
        String key = name.toLowerCase().replace(' ', '_');
        put(name + " per journey", String.format("%.2f  %s", standIn.total() / (double) customers, standIn.counts()),
                key + "_per_journey", round(standIn.total() / (double) customers));
        json.put(key + "_by_kind", standIn.counts());
    }

    void history(List<Double> counts, int asked) {
        Percentiles p = Percentiles.of(counts);
        double mean = counts.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        put("history events per journey", counts.isEmpty() ? "n/a (histories not readable)"
                : String.format("mean %.1f, %s (%d of %d sampled workflows read)", mean, p.row().replace(" ms", ""),
                counts.size(), asked), "history_events", Map.of("mean", round(mean), "sampled", counts.size(),
                "max", p.count() == 0 ? 0 : p.max(), "p50", p.count() == 0 ? 0 : p.p50()));
    }

    void process(double peakHeapMiB, int heapSamples, double cpuSeconds, double dbCpuSeconds, int customers) {
        put("peak heap (from /prometheus, 1 s samples)", Double.isNaN(peakHeapMiB) ? "n/a"
                : String.format("%.0f MiB (%d samples)", peakHeapMiB, heapSamples), "peak_heap_mib", round(peakHeapMiB));
        put("memberflow JVM CPU per journey", Double.isNaN(cpuSeconds) ? "n/a (memberflow not started by the bench)"
                        : String.format("%.3f s (%.1f s in all)", cpuSeconds / customers, cpuSeconds),
                "cpu_seconds_per_journey", round3(cpuSeconds / customers));
        json.put("cpu_seconds_total", round3(cpuSeconds));
        put("embedded PostgreSQL CPU per journey", Double.isNaN(dbCpuSeconds) ? "n/a (no embedded database)"
                        : String.format("%.3f s (%.1f s in all)", dbCpuSeconds / customers, dbCpuSeconds),
                "embedded_db_cpu_seconds_per_journey", round3(dbCpuSeconds / customers));
    }

    /**
     * memberflow's own view of the run, from /prometheus before and after: its acknowledgement time (bucket upper
     * bounds), GC pauses and waits for a pooled JDBC connection.
     */
    void serverSide(String before, String after) {
        if (after == null) {
            row("memberflow's own figures", "n/a (/prometheus not readable)");
            return;
        }
        String ack = "memberflow_webhook_ack_seconds";
        double p50 = ServerSideFigures.quantile(before, after, ack, 0.50) * 1000;
        double p99 = ServerSideFigures.quantile(before, after, ack, 0.99) * 1000;
        double p999 = ServerSideFigures.quantile(before, after, ack, 0.999) * 1000;
        put("ack as memberflow measured it (bucket bounds)", String.format("p50 ≤ %.0f ms, p99 ≤ %.0f ms, p99.9 ≤ %.0f ms",
                p50, p99, p999), "server_ack_ms", fields("p50", round(p50), "p99", round(p99), "p999", round(p999)));
        // Micronaut's timer starts before the hand-off to the blocking executor; only with
        // MICRONAUT_METRICS_BINDERS_WEB_SERVER_HISTOGRAM=true on memberflow.
        String http = "http_server_requests_seconds";
        String webhook = "uri=\"/webhooks/stripe\"";
        double http99 = ServerSideFigures.quantile(before, after, http, webhook, 0.99) * 1000;
        if (!Double.isNaN(http99)) {
            double http50 = ServerSideFigures.quantile(before, after, http, webhook, 0.50) * 1000;
            put("webhook as Micronaut's HTTP server measured it", String.format("p50 ≤ %.0f ms, p99 ≤ %.0f ms",
                    http50, http99), "server_http_webhook_ms", fields("p50", round(http50), "p99", round(http99)));
        }
        double pauses = ServerSideFigures.delta(before, after, "jvm_gc_pause_seconds_count", null);
        double paused = ServerSideFigures.delta(before, after, "jvm_gc_pause_seconds_sum", null) * 1000;
        double longest = ServerSideFigures.max(after, "jvm_gc_pause_seconds_max") * 1000;
        put("GC pauses during the run", String.format("%.0f, %.0f ms in all, longest recent %.0f ms", pauses, paused,
                longest), "gc_pauses", fields("count", round(pauses), "total_ms", round(paused), "max_ms", round(longest)));
        double acquires = ServerSideFigures.delta(before, after, "hikaricp_connections_acquire_seconds_count", null);
        double waited = ServerSideFigures.delta(before, after, "hikaricp_connections_acquire_seconds_sum", null) * 1000;
        double worst = ServerSideFigures.max(after, "hikaricp_connections_acquire_seconds_max") * 1000;
        put("JDBC connection waits", acquires == 0 ? "n/a (no pool metrics)" : String.format(
                "%.0f acquisitions, mean %.2f ms, longest recent %.1f ms", acquires, waited / acquires, worst),
                "jdbc_acquire", fields("count", round(acquires), "mean_ms", round3(acquires == 0 ? Double.NaN
                        : waited / acquires), "max_ms", round(worst)));
    }

    /** The bench JVM's collections during the run: the part of the tail from the send that is not memberflow's. */
    void senderGc(OwnGc gc) {
        put("bench JVM's own GC during the run (sender, stand-ins)", String.format("%d collections, %d ms in all",
                gc.collections(), gc.millis()), "sender_gc", fields("count", gc.collections(), "total_ms", gc.millis()));
    }

    /** A JSON object from key, value pairs; a value may be null (a figure that could not be read). */
    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    void put(String label, Object shown, String key, Object value) {
        rows.add(new String[]{label, String.valueOf(shown)});
        json.put(key, value);
    }

    /** A table row that the JSON carries elsewhere. */
    void row(String label, Object shown) {
        rows.add(new String[]{label, String.valueOf(shown)});
    }

    private void put(String label, Object shown, String key) {
        put(label, shown, key, shown);
    }

    void print(PrintStream out) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        out.println();
        for (String[] r : rows) {
            out.printf("%-" + width + "s | %s%n", r[0], r[1]);
        }
    }

    void write(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.writeString(path, StripeObjects.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json) + "\n");
    }

    private static Object round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 10) / 10.0;
    }

    private static Object round3(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
    }
}
