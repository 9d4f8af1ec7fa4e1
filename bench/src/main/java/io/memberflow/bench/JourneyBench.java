package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StripeStandIn;
import io.memberflow.config.StripeProperties;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;

/**
 * {@code bench} (journeys): starts the vendor stand-ins and memberflow (unless {@code --url}), sends
 * {@code --customers} signup journeys at {@code --rate} events/s, waits up to {@code --settle} for every paying
 * customer's Circle grant, and reports (see {@link JourneyReport}).
 */
public final class JourneyBench {
    static final String CIRCLE_TOKEN = "bench-circle-token";
    static final String KIT_KEY = "bench-kit-key";
    static final String STRIPE_KEY = "sk_test_bench";

    private JourneyBench() {
    }

    public static int run(BenchOptions o, PrintStream out) throws Exception {
        return withService(o, out, JourneyBench::measure);
    }

    /** What a run works with once the stand-ins (and memberflow, unless {@code --url}) are up. */
    record Service(BenchOptions o, PrintStream out, String stamp, String adminToken, String secret, CircleStandIn circle,
                   KitStandIn kit, StripeStandIn stripe, MemberflowLauncher launcher, String url, String origin,
                   String temporalTarget) {
    }

    /** A run against a {@link Service}: returns the exit code. */
    interface Body {
        int run(Service service) throws Exception;
    }

    /** Starts the stand-ins and memberflow (unless {@code --url}), runs {@code body}, stops them. */
    static int withService(BenchOptions o, PrintStream out, Body body) throws Exception {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        String adminToken = o.url() == null ? "bench-admin-" + random() : System.getenv("ADMIN_TOKEN");
        String secret = o.secret() != null ? o.secret() : o.url() == null ? "whsec_bench" + random() : envSecret();
        int port = o.standInPort();
        try (CircleStandIn circle = new CircleStandIn(CIRCLE_TOKEN, o.vendorLatency(), o.circle503(), port);
             KitStandIn kit = new KitStandIn(KIT_KEY, o.vendorLatency(), o.kitRateLimit(), port == 0 ? 0 : port + 1);
             StripeStandIn stripe = new StripeStandIn(STRIPE_KEY, o.vendorLatency(), port == 0 ? 0 : port + 2);
             MemberflowLauncher launcher = o.url() == null ? new MemberflowLauncher(dir.resolve("memberflow-" + stamp + ".log")) : null) {
            Map<String, String> env = env(secret, adminToken, circle, kit, stripe, o.temporal());
            String url;
            String origin;
            String temporalTarget;
            if (launcher != null) {
                int warmed = SenderWarmUp.run(o.rate(), o.connections(), secret, stripe, Instant.now().getEpochSecond());
                out.printf("sender warmed up: %d events to a local sink in %d s (memberflow not started yet)%n", warmed,
                        SenderWarmUp.SECONDS);
                out.printf("starting memberflow (log %s, temporal %s)...%n", launcher.log, o.temporalLabel());
                long t0 = System.currentTimeMillis();
                launcher.start(o.jar() != null ? o.jar() : MemberflowLauncher.defaultJar(), o.xmx(), env);
                out.printf("memberflow ready in %.1f s on %s (pid %d)%n", (System.currentTimeMillis() - t0) / 1000.0,
                        launcher.origin(), launcher.pid());
                origin = launcher.origin();
                temporalTarget = o.temporal() != null ? o.temporal() : "127.0.0.1:" + launcher.temporalPort;
            } else {
                out.println("--url given: start memberflow with these settings so that it talks to this bench's stand-ins"
                        + " (Circle, Kit, Stripe API), e.g. with --stand-in-port to keep them fixed between runs:");
                env.forEach((k, v) -> {
                    if (!k.equals("TEMPORAL_ADDRESS")) { // --temporal here only says where to read histories
                        out.printf("  %s=%s%n", k, k.equals("STRIPE_WEBHOOK_SECRET") || k.equals("ADMIN_TOKEN") ? "<as given>" : v);
                    }
                });
                origin = o.url().replaceFirst("/webhooks/stripe/?$", "").replaceFirst("/$", "");
                temporalTarget = o.temporal() != null ? o.temporal() : "127.0.0.1:7233";
            }
            url = origin + "/webhooks/stripe";
            return body.run(new Service(o, out, stamp, adminToken, secret, circle, kit, stripe, launcher, url, origin,
                    temporalTarget));
        }
    }

    /**
     * Signs up {@code --warm-up} other customers at the same rate and waits for their access, so the numbers that
     * follow are those of a service that has been running (JIT-compiled, pools filled); counts start afresh after.
     */
    static void warmUp(BenchOptions o, PrintStream out, String run, long created, CircleStandIn circle,
                       KitStandIn kit, StripeStandIn stripe, String url, String secret) throws Exception {
        List<StripeObjects> warm = customers("warm" + run, "warm+" + run, o.warmUp(), created);
        out.printf("warming up with %d journeys at %.1f events/s (not measured)...%n", warm.size(), o.rate());
        new JourneySender(warm, stripe, url, secret, o.connections()).run(o.rate(), o.order(), o.lagMs());
        long deadline = System.currentTimeMillis() + Math.max(o.settle().toMillis(), WARM_UP_WAIT.toMillis());
        while (circle.granted() < warm.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        out.printf("warm-up: %d of %d with access; measuring now%n", circle.granted(), warm.size());
        Thread.sleep(2000);
        circle.resetCounts();
        kit.resetCounts();
        stripe.resetCounts();
    }

    /** The least a warm-up waits for its customers' access, whatever {@code --settle} says. */
    private static final java.time.Duration WARM_UP_WAIT = java.time.Duration.ofMinutes(3);

    private static int measure(Service s) throws Exception {
        BenchOptions o = s.o();
        PrintStream out = s.out();
        String run = random().substring(0, 6);
        long created = Instant.now().getEpochSecond();
        List<StripeObjects> customers = customers("bench" + run, "bench+" + run, o.customers(), created);
        if (o.warmUp() > 0) {
            warmUp(o, out, run, created, s.circle(), s.kit(), s.stripe(), s.url(), s.secret());
        }
        TemporalOutage outage = o.outageLength() == null ? null
                : new TemporalOutage(o.temporalScript(), o.outageLength(), o.outageAt());
        Measured m = send(s, o, customers, outage);
        JourneyReport report = m.report();
        report.print(out);
        Path json = o.jsonPath() != null ? Path.of(o.jsonPath()) : Path.of("target", "bench", "journeys-" + s.stamp() + ".json");
        report.write(json);
        out.println("\nJSON: " + json);
        boolean allAcked = m.sender().sent.stream().allMatch(x -> x.status() >= 200 && x.status() < 300);
        return allAcked && s.circle().granted() >= customers.size() ? 0 : 1;
    }

    /** New customers on the bench plan: ids {@code cus_<key>x<i>}, addresses {@code <mail>-<i>@example.test}. */
    static List<StripeObjects> customers(String key, String mail, int count, long created) {
        List<StripeObjects> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            customers.add(new StripeObjects(key + "x" + i, mail + "-" + i + "@example.test", MemberflowLauncher.PLAN_PRICE,
                    created));
        }
        return customers;
    }

    /** One measured send: the report, the sender (what it sent and when) and the CPU each process used meanwhile. */
    record Measured(JourneyReport report, JourneySender sender, double cpuSeconds, double dbCpuSeconds,
                    double otherCpuSeconds, double peakHeapMiB) {
    }

    /**
     * Sends {@code customers}' journeys at {@code o.rate()}, waits up to {@code o.settle()} for their access while the
     * sampler reads memberflow's heap, and reports (the journey bench's table and JSON, not yet printed); CPU is the
     * difference of /proc readings before and after.
     */
    static Measured send(Service s, BenchOptions o, List<StripeObjects> customers, TemporalOutage outage) throws Exception {
        PrintStream out = s.out();
        MemberflowLauncher launcher = s.launcher();
        CircleStandIn circle = s.circle();
        JourneySender sender = new JourneySender(customers, s.stripe(), s.url(), s.secret(), o.connections());
        try (ProcessSampler sampler = new ProcessSampler(s.origin(), s.adminToken())) {
            sampler.start();
            String metricsBefore = sampler.scrape();
            OwnGc gcBefore = OwnGc.now();
            double cpuBefore = launcher == null ? Double.NaN : ProcessSampler.cpuSeconds(launcher.pid());
            long dbPid = launcher == null ? -1 : launcher.embeddedDatabasePid();
            double dbCpuBefore = dbPid < 0 ? Double.NaN : ProcessSampler.treeCpuSeconds(dbPid);
            double othersBefore = ProcessSampler.pidFilesCpuSeconds(o.cpuPidFiles());
            out.printf("sending %d journeys (%d events) at %.1f events/s, order %s...%n", customers.size(),
                    customers.size() * JourneySender.TYPES.size(), o.rate(), o.order());
            if (outage != null) {
                outage.begin();
            }
            sender.run(o.rate(), o.order(), o.lagMs());
            if (outage != null) {
                out.println("all events answered; waiting for Temporal to be back...");
                outage.awaitEnd();
            }
            long settleDeadline = System.currentTimeMillis() + o.settle().toMillis();
            out.printf("sent; waiting up to %d s for every paying customer's Circle grant...%n", o.settle().toSeconds());
            while (granted(circle, customers) < customers.size() && System.currentTimeMillis() < settleDeadline) {
                Thread.sleep(250);
            }
            Thread.sleep(1000); // let the sampler see the end of the run
            String metricsAfter = sampler.scrape();
            OwnGc senderGc = OwnGc.now().since(gcBefore);
            double cpu = launcher == null ? Double.NaN : ProcessSampler.cpuSeconds(launcher.pid()) - cpuBefore;
            double dbCpu = dbPid < 0 ? Double.NaN : ProcessSampler.treeCpuSeconds(dbPid) - dbCpuBefore;
            double othersCpu = ProcessSampler.pidFilesCpuSeconds(o.cpuPidFiles()) - othersBefore;
            List<String> sample = new ArrayList<>();
            for (int i = 0; i < Math.min(o.historySample(), customers.size()); i++) {
                sample.add(customers.get(i * customers.size() / Math.min(o.historySample(), customers.size())).customerId);
            }
            List<Double> history = HistoryCounter.count(s.temporalTarget(), "default", sample);
            JourneyReport report = report(o, customers, sender, circle, s.kit(), s.stripe(), s.temporalTarget(), outage);
            report.history(history, sample.size());
            report.process(sampler.peakHeapMiB(), sampler.samples(), cpu, dbCpu, customers.size());
            report.serverSide(metricsBefore, metricsAfter);
            report.senderGc(senderGc);
            if (!o.cpuPidFiles().isEmpty()) {
                report.put("CPU per journey of --cpu-pid-files", Double.isNaN(othersCpu) ? "n/a (a pid file was unreadable)"
                        : String.format("%.3f s (%.1f s in all)", othersCpu / customers.size(), othersCpu),
                        "other_cpu_seconds_per_journey", Double.isNaN(othersCpu) ? null
                                : Math.round(othersCpu / customers.size() * 1000) / 1000.0);
            }
            return new Measured(report, sender, cpu, dbCpu, othersCpu, sampler.peakHeapMiB());
        }
    }

    /** How many of {@code customers} have their Circle grant. */
    static int granted(CircleStandIn circle, List<StripeObjects> customers) {
        int n = 0;
        for (StripeObjects c : customers) {
            if (circle.firstGrantMillis(c.email) != null) {
                n++;
            }
        }
        return n;
    }

    private static JourneyReport report(BenchOptions o, List<StripeObjects> customers, JourneySender sender,
                                        CircleStandIn circle, KitStandIn kit, StripeStandIn stripe,
                                        String temporalTarget, TemporalOutage outage) {
        JourneyReport report = new JourneyReport();
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("temporal", o.temporal() != null ? o.temporal() : o.temporalLabel() + " on " + temporalTarget);
        setup.put("offered rate (events/s)", o.rate());
        setup.put("customers", o.customers());
        setup.put("order", o.order() + (o.lagMs() > 0 ? ", extra lag up to " + o.lagMs() + " ms" : ""));
        setup.put("vendor latency", o.vendorLatency().toMillis() + " ms");
        setup.put("circle 503 share", o.circle503());
        setup.put("kit rate limit (/60 s)", o.kitRateLimit() > 0 ? o.kitRateLimit() : "none");
        setup.put("connections", o.connections());
        setup.put("warm-up journeys (not measured)", o.warmUp());
        setup.put("sender warm-up", o.url() != null ? "none (--url)" : SenderWarmUp.SECONDS
                + " s at the offered rate to a local sink, before memberflow started");
        if (outage != null) {
            setup.put("temporal outage", o.outageLength().toSeconds() + " s starting at " + o.outageAt().toSeconds()
                    + " s; restarted: " + outage.restarted() + "; " + outage.log());
        }
        report.setup(setup);
        List<JourneySender.Sent> sent = new ArrayList<>(sender.sent);
        report.sends(sent, customers.size());
        report.access(sent, customers, circle, kit);
        report.vendorCalls("Stripe reads", stripe, customers.size());
        report.vendorCalls("Circle calls", circle, customers.size());
        report.vendorCalls("Kit calls", kit, customers.size());
        return report;
    }

    /**
     * memberflow's settings that point it at the stand-ins (and at {@code temporal}, when not null). Declares the
     * bench plan's Circle access group and Kit tags (plan and lifecycle) at the stand-ins, which, like Circle and Kit,
     * answer 404 for a group or tag nobody created.
     */
    static Map<String, String> env(String secret, String adminToken, CircleStandIn circle, KitStandIn kit,
                                   StripeStandIn stripe, String temporal) {
        circle.accessGroup(MemberflowLauncher.PLAN_GROUP);
        // the embedded defaults run the demo environment too, whose lifecycle tags are 9100-9103 (application-demo.yml)
        kit.tag(MemberflowLauncher.PLAN_TAG, DriftPlan.PAST_DUE_TAG, DriftPlan.CANCELED_TAG, 9102, 9103);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STRIPE_WEBHOOK_SECRET", secret);
        env.put("ADMIN_TOKEN", adminToken == null ? "" : adminToken);
        env.put("CIRCLE_API_TOKEN", CIRCLE_TOKEN);
        env.put("CIRCLE_API_URL", circle.baseUrl());
        env.put("KIT_API_KEY", KIT_KEY);
        env.put("KIT_API_URL", kit.baseUrl());
        env.put("STRIPE_API_KEY", STRIPE_KEY);
        env.put("STRIPE_API_BASE", stripe.apiBase());
        if (temporal != null) {
            env.put("TEMPORAL_ADDRESS", temporal);
        }
        return env;
    }

    private static String envSecret() {
        String s = System.getenv("STRIPE_WEBHOOK_SECRET");
        return s == null || s.isBlank() ? StripeProperties.LOCAL_DEV_SECRET : s.split(",")[0].trim();
    }

    static String random() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

}
