package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench --find-max}: the highest rate of signup journeys memberflow keeps up with. One memberflow (and
 * stand-ins), an optional warm-up ({@code --warm-up}, at the first step's rate), then measured steps of
 * {@code --step-duration} each, every step with new customers, the journey bench's sender, sampling and report
 * ({@link JourneyBench#send}); the rate grows by {@code --step-factor} until a step fails ({@link FindMax}). Prints one
 * line per step and the answer; the JSON (every step's full journey report, the verdicts, the answer) goes to
 * {@code --json} or {@code target/bench/find-max-<timestamp>.json}.
 */
final class FindMaxBench {
    private FindMaxBench() {
    }

    static int run(BenchOptions o, PrintStream out) throws Exception {
        return JourneyBench.withService(o, out, FindMaxBench::search);
    }

    private static int search(JourneyBench.Service s) throws Exception {
        BenchOptions o = s.o();
        PrintStream out = s.out();
        String run = JourneyBench.random().substring(0, 6);
        long created = Instant.now().getEpochSecond();
        String temporalCpu = temporalCpu(s);
        out.printf("find-max: steps of %d s from %.1f events/s, x%.2f a step (at most %d); a step passes with access"
                        + " 100 %%, payment->access p95 <= %.0f s and the sender at >= %.0f %% of the offered rate%n",
                o.stepDuration().toSeconds(), o.rate(), o.stepFactor(), o.maxSteps(), FindMax.ACCESS_P95_LIMIT_MS / 1000,
                FindMax.SENDER_SHARE * 100);
        out.println("Temporal CPU: " + temporalCpu);
        if (o.warmUp() > 0) {
            JourneyBench.warmUp(o, out, run, created, s.circle(), s.kit(), s.stripe(), s.url(), s.secret());
        }
        List<FindMax.Step> steps = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> stepsJson = new ArrayList<>();
        String header = String.format(ROW, "step", "offered", "achieved", "access", "journeys", "ack p99", "paid->acc",
                "memberflow", "Temporal", "peak heap", "result");
        String units = String.format(ROW, "", "ev/s", "ev/s", "", "/s", "ms", "p95 ms", "CPU s/jrn", "CPU s/jrn", "MiB", "");
        double rate = o.rate();
        FindMax.Decision decision;
        do {
            int n = steps.size() + 1;
            BenchOptions stepOptions = o.step(rate);
            List<StripeObjects> customers = JourneyBench.customers("max" + run + "s" + n, "max+" + run + "s" + n,
                    stepOptions.customers(), created);
            out.printf("%nstep %d: %.1f events/s for %d s%n", n, rate, o.stepDuration().toSeconds());
            JourneyBench.Measured m = JourneyBench.send(s, stepOptions, customers, null);
            FindMax.Step step = step(rate, customers, m, s.circle());
            steps.add(step);
            decision = FindMax.next(steps, o.stepFactor(), o.maxSteps());
            String line = line(n, step, m, customers.size(), s);
            lines.add(line);
            out.println(header);
            out.println(line);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("step", n);
            json.put("offered_events_per_s", round(rate, 10));
            json.put("passed", step.passed());
            json.put("failure", step.failure().orElse(null));
            json.put("journeys_with_access_per_s", round(step.journeysPerS(), 100));
            json.put("report", m.report().json);
            stepsJson.add(json);
            if (!decision.stop()) {
                rate = decision.nextRate().get();
                Thread.sleep(2000); // the last grants' calls settle before the counts start afresh
                s.circle().resetCounts();
                s.kit().resetCounts();
                s.stripe().resetCounts();
            }
        } while (!decision.stop());

        out.printf("%nfind-max (Temporal CPU: %s; heap is memberflow's peak)%n%s%n%s%n", temporalCpu, header, units);
        lines.forEach(out::println);
        out.println("stopped: " + decision.stopReason());
        Map<String, Object> answer = new LinkedHashMap<>();
        if (decision.best().isPresent()) {
            FindMax.Step best = decision.best().get();
            out.printf("highest sustained: %.2f journeys/s (offered %.1f events/s = %.2f journeys/s; every customer with"
                            + " access, payment->access p95 %.2f s, ack p99 %.0f ms)%n", best.journeysPerS(),
                    best.offeredEventsPerS(), best.offeredEventsPerS() / JourneySender.TYPES.size(),
                    best.accessP95Ms() / 1000, best.ackP99Ms());
            answer.put("journeys_per_s", round(best.journeysPerS(), 100));
            answer.put("offered_events_per_s", round(best.offeredEventsPerS(), 10));
            answer.put("offered_journeys_per_s", round(best.offeredEventsPerS() / JourneySender.TYPES.size(), 100));
        } else {
            out.println("highest sustained: none (the first step did not keep up; start lower with --rate)");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("temporal", o.temporalLabel());
        setup.put("start_events_per_s", o.rate());
        setup.put("step_factor", o.stepFactor());
        setup.put("step_seconds", o.stepDuration().toSeconds());
        setup.put("max_steps", o.maxSteps());
        setup.put("warm_up_journeys", o.warmUp());
        setup.put("temporal_cpu", temporalCpu);
        setup.put("criteria", Map.of("access", "100 %", "payment_to_access_p95_ms_at_most", FindMax.ACCESS_P95_LIMIT_MS,
                "sender_share_of_offered_rate_at_least", FindMax.SENDER_SHARE));
        json.put("setup", setup);
        json.put("steps", stepsJson);
        json.put("stopped", decision.stopReason());
        json.put("highest_sustained", answer.isEmpty() ? null : answer);
        JourneyReport file = new JourneyReport();
        file.json.putAll(json);
        Path path = o.jsonPath() != null ? Path.of(o.jsonPath()) : Path.of("target", "bench", "find-max-" + s.stamp() + ".json");
        file.write(path);
        out.println("\nJSON: " + path);
        return decision.best().isPresent() ? 0 : 1;
    }

    /** A step's numbers for {@link FindMax}, from the journey report and the grants the stand-in Circle logged. */
    static FindMax.Step step(double offered, List<StripeObjects> customers, JourneyBench.Measured m, CircleStandIn circle) {
        long firstSend = m.sender().sent.stream().mapToLong(JourneySender.Sent::sentEpochMs).min().orElse(0);
        long lastGrant = Long.MIN_VALUE;
        int withAccess = 0;
        for (StripeObjects c : customers) {
            Long grant = circle.firstGrantMillis(c.email);
            if (grant != null) {
                withAccess++;
                lastGrant = Math.max(lastGrant, grant);
            }
        }
        double seconds = (lastGrant - firstSend) / 1000.0;
        double journeysPerS = withAccess > 0 && seconds > 0 ? withAccess / seconds : 0;
        Map<String, Object> json = m.report().json;
        return new FindMax.Step(offered, number(json.get("achieved_rate_per_s")), customers.size(), withAccess,
                journeysPerS, percentile(json.get("ack_ms"), "p99"), percentile(json.get("invoice_paid_to_access_ms"), "p95"));
    }

    /** The columns of a step line: step, offered, achieved, access, journeys/s, ack p99, access p95, CPU, CPU, heap, result. */
    private static final String ROW = "%-4s %8s %8s %9s %8s %8s %9s %10s %9s %9s  %s";

    private static String line(int n, FindMax.Step step, JourneyBench.Measured m, int journeys, JourneyBench.Service s) {
        String temporal = s.o().temporal() == null ? (s.launcher() != null ? "in mf" : "n/a")
                : s.o().cpuPidFiles().isEmpty() ? "n/a" : cpu(m.otherCpuSeconds() / journeys);
        return String.format(ROW, n, fixed(step.offeredEventsPerS(), 1), fixed(step.achievedEventsPerS(), 1),
                step.withAccess() + "/" + step.journeys(), fixed(step.journeysPerS(), 2), fixed(step.ackP99Ms(), 0),
                fixed(step.accessP95Ms(), 0), cpu(m.cpuSeconds() / journeys), temporal, fixed(m.peakHeapMiB(), 0),
                step.failure().map(f -> "FAIL: " + f).orElse("ok"));
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format("%." + decimals + "f", v);
    }

    /** Where the Temporal server's CPU comes from, or why it is not reported. */
    private static String temporalCpu(JourneyBench.Service s) {
        if (s.o().temporal() == null) {
            return s.launcher() != null ? "embedded in memberflow's JVM, so inside its CPU column"
                    : "n/a (--url: memberflow and its Temporal were not started here)";
        }
        return s.o().cpuPidFiles().isEmpty() ? "n/a (give its pid file with --cpu-pid-files)"
                : "the process trees of --cpu-pid-files " + s.o().cpuPidFiles();
    }

    private static String cpu(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format("%.3f", seconds);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double percentile(Object map, String key) {
        return map instanceof Map<?, ?> m ? number(m.get(key)) : Double.NaN;
    }

    private static Object round(double v, double scale) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * scale) / scale;
    }
}
