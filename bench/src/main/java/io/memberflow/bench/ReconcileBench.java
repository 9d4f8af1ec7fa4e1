package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StripeStandIn;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench --reconcile}: signs {@code --customers} up through the journey path (stand-ins without rate limits, as
 * {@link JourneyBench} does), waits until every one has access and the plan tag, switches the vendors' published
 * rate limits on, introduces drift by hand ({@link DriftPlan}), then starts a reconciliation run in repair mode,
 * follows it every second, waits until the stand-ins show every drifted customer repaired, and starts a second run
 * in report mode, which should find no drift but the unknown members. Reports through {@link ReconcileReport}.
 */
public final class ReconcileBench {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(60);

    private ReconcileBench() {
    }

    public static int run(ReconcileOptions r, PrintStream out) throws Exception {
        BenchOptions o = r.bench();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        String adminToken = "bench-admin-" + JourneyBench.random();
        String secret = "whsec_bench" + JourneyBench.random();
        try (CircleStandIn circle = new CircleStandIn(JourneyBench.CIRCLE_TOKEN, Duration.ZERO, 0, 0);
             KitStandIn kit = new KitStandIn(JourneyBench.KIT_KEY, Duration.ZERO, 0, 0);
             StripeStandIn stripe = new StripeStandIn(JourneyBench.STRIPE_KEY, Duration.ZERO, 0);
             MemberflowLauncher launcher = new MemberflowLauncher(dir.resolve("memberflow-reconcile-" + stamp + ".log"))) {
            launcher.lifecycleTags = DriftPlan.LIFECYCLE_TAGS;
            out.printf("starting memberflow (log %s, temporal %s)...%n", launcher.log, o.temporalLabel());
            launcher.start(o.jar() != null ? o.jar() : MemberflowLauncher.defaultJar(), o.xmx(),
                    JourneyBench.env(secret, adminToken, circle, kit, stripe, o.temporal()));
            String temporal = o.temporal() != null ? o.temporal() : "127.0.0.1:" + launcher.temporalPort;
            ReconcileReport report = new ReconcileReport(r, o.temporal() != null ? temporal : "embedded on " + temporal);
            String tag = JourneyBench.random().substring(0, 6);
            long created = Instant.now().getEpochSecond();
            List<StripeObjects> customers = new ArrayList<>();
            for (int i = 0; i < o.customers(); i++) {
                customers.add(new StripeObjects("rec" + tag + "x" + i, "rec+" + tag + "-" + i + "@example.test",
                        MemberflowLauncher.PLAN_PRICE, created));
            }
            Path json = o.jsonPath() != null ? Path.of(o.jsonPath()) : dir.resolve("reconcile-" + stamp + ".json");
            boolean signedUp = signUp(o, customers, secret, circle, kit, stripe, launcher, report, out);
            if (!signedUp) {
                out.println("not every customer got access and the plan tag within --settle: no reconciliation");
                report.print(out);
                report.write(json);
                return 1;
            }
            circle.enforcePublishedRateLimit();
            kit.enforcePublishedRateLimit();
            DriftPlan plan = DriftPlan.choose(customers, r.drift(), r.billingEnded(), r.unknownMembers(), r.seed(), tag);
            plan.apply(circle, kit, stripe, Instant.now().getEpochSecond());
            report.drift(plan.introduced());
            out.printf("published rate limits on; drift introduced: %s%n", plan.introduced());
            boolean ok = reconcile(r, plan, customers, circle, kit, stripe, launcher, adminToken, temporal,
                    dir.resolve("reconcile-" + stamp + "-histories.txt"), report, out);
            report.print(out);
            report.write(json);
            out.println("\nJSON: " + json);
            return ok ? 0 : 1;
        }
    }

    private static boolean signUp(BenchOptions o, List<StripeObjects> customers, String secret, CircleStandIn circle,
                                  KitStandIn kit, StripeStandIn stripe, MemberflowLauncher launcher,
                                  ReconcileReport report, PrintStream out) throws InterruptedException {
        out.printf("signing up %d customers (%d events at %.1f events/s, vendor limits off)...%n", customers.size(),
                customers.size() * JourneySender.TYPES.size(), o.rate());
        JourneySender sender = new JourneySender(customers, stripe, launcher.origin() + "/webhooks/stripe", secret,
                o.connections());
        long t0 = System.currentTimeMillis();
        sender.run(o.rate(), "shuffled", 0);
        double sendSeconds = (System.currentTimeMillis() - t0) / 1000.0;
        long deadline = System.currentTimeMillis() + o.settle().toMillis();
        long lastPrint = 0;
        int tagged = 0;
        while (System.currentTimeMillis() < deadline) {
            tagged = (int) customers.stream().filter(c -> kit.tagged(MemberflowLauncher.PLAN_TAG, c.email)).count();
            if (circle.granted() >= customers.size() && tagged >= customers.size()) {
                break;
            }
            if (System.currentTimeMillis() - lastPrint >= 10_000) {
                out.printf("  %d with access, %d with the plan tag...%n", circle.granted(), tagged);
                lastPrint = System.currentTimeMillis();
            }
            Thread.sleep(500);
        }
        double untilAll = (System.currentTimeMillis() - t0) / 1000.0;
        long non2xx = sender.sent.stream().filter(s -> s.status() < 200 || s.status() > 299).count();
        report.signup(sender.sent.size(), non2xx, sendSeconds, circle.granted(), tagged, customers.size(), untilAll);
        out.printf("signed up: %d with access, %d with the plan tag, %.1f s; waiting for the vendors to go quiet...%n",
                circle.granted(), tagged, untilAll);
        quiet(circle, kit, stripe, out);
        return circle.granted() >= customers.size() && tagged >= customers.size();
    }

    private static boolean reconcile(ReconcileOptions r, DriftPlan plan, List<StripeObjects> customers, CircleStandIn circle,
                                     KitStandIn kit, StripeStandIn stripe, MemberflowLauncher launcher, String adminToken,
                                     String temporal, Path histories, ReconcileReport report, PrintStream out) throws Exception {
        ReconcileRunsClient runs = new ReconcileRunsClient(launcher.origin(), adminToken);
        ServedCalls before = ServedCalls.of(circle, kit, stripe);
        long quota0 = circle.quotaUsed();
        double cpu0 = ProcessSampler.cpuSeconds(launcher.pid());
        long t0 = System.currentTimeMillis();
        String id = runs.start("repair");
        out.printf("reconciliation run %s (repair) started%n", id);
        JsonNode first = runs.follow(id, RUN_TIMEOUT, out);
        long t1 = System.currentTimeMillis();
        ServedCalls atDone = ServedCalls.of(circle, kit, stripe);
        report.run("run 1 (repair)", first, (t1 - t0) / 1000.0, atDone.minus(before), circle.quotaUsed() - quota0);
        out.println("waiting for the stand-ins to show every drifted customer repaired...");
        long deadline = t1 + r.repairTimeout().toMillis();
        long lastPrint = t1;
        while (!plan.allRepaired(circle, kit) && System.currentTimeMillis() < deadline) {
            if (System.currentTimeMillis() - lastPrint >= 10_000) {
                out.printf("  [%6.1f s] left: %s%n", (System.currentTimeMillis() - t0) / 1000.0, plan.unrepaired(circle, kit));
                lastPrint = System.currentTimeMillis();
            }
            Thread.sleep(250);
        }
        long t2 = System.currentTimeMillis();
        boolean repaired = plan.allRepaired(circle, kit);
        ServedCalls atRepaired = ServedCalls.of(circle, kit, stripe);
        double cpu = ProcessSampler.cpuSeconds(launcher.pid()) - cpu0;
        out.printf("  [%6.1f s] left: %s%n", (t2 - t0) / 1000.0, plan.unrepaired(circle, kit));
        quiet(circle, kit, stripe, out);
        report.repairs(repaired, plan.unrepaired(circle, kit), (t2 - t0) / 1000.0, (t2 - t1) / 1000.0,
                atRepaired.minus(atDone), atRepaired.minus(before), plan.untouchedButChanged(customers, circle, kit));
        report.note("memberflow CPU, run 1 start -> all repaired", String.format("%.1f s", cpu), "memberflow_cpu_seconds_run1");

        ServedCalls before2 = ServedCalls.of(circle, kit, stripe);
        long quota2 = circle.quotaUsed();
        long t3 = System.currentTimeMillis();
        String id2 = runs.start("report");
        out.printf("reconciliation run %s (report) started%n", id2);
        JsonNode second = runs.follow(id2, RUN_TIMEOUT, out);
        report.run("run 2 (report)", second, (System.currentTimeMillis() - t3) / 1000.0,
                ServedCalls.of(circle, kit, stripe).minus(before2), circle.quotaUsed() - quota2);
        boolean secondClean = clean(second);
        if (second != null && !secondClean) {
            lookCloser(second, runs, temporal, histories, report, out);
        }
        return first != null && "done".equals(first.path("status").asText()) && repaired && secondClean;
    }

    private static boolean clean(JsonNode run) {
        return run != null && "done".equals(run.path("status").asText())
                && ReconcileReport.drift(run.path("counts")).keySet().stream().allMatch(DriftPlan.UNKNOWN::equals);
    }

    /**
     * The report run found drift after the stand-ins showed everything repaired: writes the workflow histories of its
     * example customers, waits a minute and runs a third report, to tell a late record from a stuck one.
     */
    private static void lookCloser(JsonNode second, ReconcileRunsClient runs, String temporal, Path histories,
                                   ReconcileReport report, PrintStream out) throws Exception {
        List<String> ids = new ArrayList<>();
        second.path("examples").forEach(e -> {
            String id = e.path("customerId").asText();
            if (id.startsWith("cus_") && !ids.contains(id)) {
                ids.add(id);
            }
        });
        HistoryDump.write(temporal, ids, histories);
        report.note("run 2 drifted customers' workflow histories", histories.toString(), "histories");
        out.printf("run 2 found drift; histories of %d customer(s) in %s; a third run (report) in 60 s...%n", ids.size(), histories);
        Thread.sleep(60_000);
        long t = System.currentTimeMillis();
        String id3 = runs.start("report");
        JsonNode third = runs.follow(id3, RUN_TIMEOUT, out);
        report.run("run 3 (report, 60 s later)", third, (System.currentTimeMillis() - t) / 1000.0,
                new ServedCalls(java.util.Map.of(), java.util.Map.of(), java.util.Map.of()), 0);
    }

    /** Waits until no stand-in has answered a request for 5 s (at most 2 min). */
    private static void quiet(CircleStandIn circle, KitStandIn kit, StripeStandIn stripe, PrintStream out)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        long last = -1;
        long since = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long total = circle.total() + kit.total() + stripe.total();
            if (total != last) {
                last = total;
                since = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - since >= 5_000) {
                return;
            }
            Thread.sleep(250);
        }
        out.println("  (the stand-ins were still being called after 2 min; going on)");
    }
}
