package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The reconciliation bench's results, as a table and as JSON (through {@link JourneyReport}'s rows). Counts and ids only. */
final class ReconcileReport {
    /** Runs a 30-day month at the default interval (memberflow.reconcile.interval, 6 h). */
    static final long RUNS_PER_MONTH = 30 * 24 / 6;
    private final JourneyReport table = new JourneyReport();

    ReconcileReport(ReconcileOptions r, String temporal) {
        BenchOptions o = r.bench();
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("temporal", temporal);
        setup.put("customers", o.customers());
        setup.put("signup rate (events/s, published limits off)", o.rate());
        setup.put("drift share", r.drift());
        setup.put("billing ended (canceled in Stripe)", r.billingEnded());
        setup.put("unknown Circle members", r.unknownMembers());
        setup.put("vendor limits during reconciliation", "Circle " + CircleStandIn.PUBLISHED_LIMIT + " / "
                + CircleStandIn.PUBLISHED_WINDOW.toMinutes() + " min, Kit " + KitStandIn.PUBLISHED_LIMIT + " / "
                + KitStandIn.PUBLISHED_WINDOW.toSeconds() + " s (rolling), Stripe none");
        setup.put("started", Instant.now().toString());
        setup.put("load average at start", loadAverage());
        table.setup(setup);
    }

    void signup(int events, long non2xx, double sendSeconds, int withAccess, int withTag, int customers, double untilAllSeconds) {
        table.put("signup: events sent", String.format("%d in %.1f s, %d non-2xx", events, sendSeconds, non2xx),
                "signup", Map.of("events", events, "send_seconds", round(sendSeconds), "non_2xx", non2xx,
                        "with_access", withAccess, "with_plan_tag", withTag, "seconds_until_all", round(untilAllSeconds)));
        table.put("signup: customers with access / plan tag", withAccess + " / " + withTag + " of " + customers
                + String.format(" (%.1f s after the first event)", untilAllSeconds), "signed_up_all", withAccess == customers && withTag == customers);
    }

    void drift(Map<String, Integer> introduced) {
        table.put("drift introduced", introduced, "drift_introduced", introduced);
    }

    /**
     * One run: what it reports about itself, what the stand-ins served between its start and its end, and the Circle
     * requests Circle would count against the monthly quota meanwhile (with what that makes a month at the default
     * 6 h interval, 120 runs).
     */
    void run(String key, JsonNode run, double wallSeconds, ServedCalls served, long circleQuota) {
        String status = run == null ? "never seen" : run.path("status").asText();
        double seconds = run == null ? Double.NaN : runSeconds(run);
        int total = run == null ? 0 : run.path("total").asInt();
        int checked = run == null ? 0 : run.path("checked").asInt();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("status", status);
        j.put("total", total);
        j.put("checked", checked);
        j.put("run_seconds", round(seconds));
        j.put("wall_seconds_post_to_done", round(wallSeconds));
        j.put("customers_per_second", round(checked / seconds));
        j.put("counts", run == null ? Map.of() : StripeObjects.MAPPER.convertValue(run.path("counts"), Map.class));
        j.put("calls_counted_by_run", run == null ? Map.of() : StripeObjects.MAPPER.convertValue(run.path("calls"), Map.class));
        j.put("served_by_stand_ins_during_run", served.summary());
        j.put("circle_quota_used", circleQuota);
        j.put("circle_quota_per_month_at_6h", circleQuota * RUNS_PER_MONTH);
        j.put("repairs_sent", run == null ? 0 : run.path("repairsSent").asInt());
        j.put("tasks_opened", run == null ? 0 : run.path("tasksOpened").asInt());
        j.put("examples", run == null ? List.of() : StripeObjects.MAPPER.convertValue(run.path("examples"), List.class));
        j.put("error", run == null ? null : run.path("error").isNull() ? null : run.path("error").asText());
        table.put(key + ": status", String.format("%s, %d / %d checked in %.1f s (%.0f customers/s; %.1f s from POST to done seen)",
                status, checked, total, seconds, checked / seconds, wallSeconds), key, j);
        if (run != null) {
            table.put(key + ": drift found", drift(run.path("counts")) + ", ok " + run.path("counts").path("ok").asInt(),
                    key + "_drift", drift(run.path("counts")));
            table.row(key + ": calls counted by the run", run.path("calls").toString());
            table.row(key + ": served by the stand-ins during the run", served.row());
            table.row(key + ": Circle quota used (as Circle counts) / a month of such runs every 6 h", circleQuota
                    + " / " + circleQuota * RUNS_PER_MONTH);
            table.row(key + ": repairs sent / support tasks opened", run.path("repairsSent").asInt() + " / "
                    + run.path("tasksOpened").asInt());
        }
    }

    void repairs(boolean all, Map<String, Integer> left, double fromStart, double fromDone, ServedCalls served,
                 ServedCalls whole, int untouchedChanged) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("all_repaired", all);
        j.put("left_by_kind", left);
        j.put("seconds_from_run_start", round(fromStart));
        j.put("seconds_from_run_done", round(fromDone));
        j.put("served_after_run_done", served.summary());
        j.put("served_run_start_to_repaired", whole.summary());
        j.put("undrifted_customers_changed", untouchedChanged);
        table.put("repairs: all drifted customers repaired", all ? String.format("yes, %.1f s after the run started"
                + " (%.1f s after it was done)", fromStart, fromDone) : "NO after " + round(fromStart) + " s; left " + left,
                "repairs", j);
        table.row("repairs: left at the stand-ins (unknown members stay for support)", left);
        table.row("repairs: served after the run was done", served.row());
        table.row("served run start -> all repaired", whole.row());
        table.row("customers without drift whose state changed", untouchedChanged);
    }

    void note(String label, Object value, String key) {
        table.put(label, value, key, value);
    }

    void print(PrintStream out) {
        table.print(out);
    }

    void write(Path json) throws IOException {
        table.write(json);
    }

    /** Drift kinds with a count, besides ok. */
    static Map<String, Integer> drift(JsonNode counts) {
        Map<String, Integer> found = new TreeMap<>();
        counts.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("ok") && e.getValue().asInt() != 0) {
                found.put(e.getKey(), e.getValue().asInt());
            }
        });
        return found;
    }

    private static double runSeconds(JsonNode run) {
        JsonNode end = run.path("finishedAt");
        if (end.isNull() || end.isMissingNode()) {
            return Double.NaN;
        }
        return Duration.between(Instant.parse(run.path("startedAt").asText()), Instant.parse(end.asText())).toMillis() / 1000.0;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 10) / 10.0;
    }
}
