package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StripeStandIn;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench --replicas --temporal HOST:PORT}: memberflow as separate {@code web} and {@code worker} processes
 * against one external PostgreSQL ({@code DATASOURCES_DEFAULT_URL}, {@code _USERNAME}, {@code _PASSWORD} from the
 * environment, e.g. {@code eval "$(scripts/temporal-server.sh memberflow-db)"}) and one real Temporal (the
 * production-style server of {@code scripts/temporal-server.sh}). Three phases, each with its own customers:
 * {@code one} (one web, one worker) and {@code two} (two of each, load spread across the web processes) measure
 * journeys a second; {@code kill} (two of each) kills one web and one worker process with SIGKILL mid-run and leaves
 * them dead, then checks what {@link CrashChecks} checks, plus: an event delivered to its workflow more than once must
 * have been acknowledged by the killed web process shortly before the kill (its lease ran out, or its delivery was
 * not yet marked); any other second delivery is a claim handed out twice.
 */
final class ReplicaBench {
    /** How long before the kill an event taken by the killed web process may be delivered again: the lease and a margin. */
    static final Duration REDELIVERY_WINDOW = Duration.ofSeconds(40);
    /** Where scripts/temporal-server.sh keeps its pids (run from the repository root); their CPU is reported. */
    static final List<String> TEMPORAL_PID_FILES = List.of("target/temporal-server/server.pid",
            "target/temporal-server/pg/postmaster.pid");

    private ReplicaBench() {
    }

    static int run(CrashOptions o, PrintStream out) throws Exception {
        String url = System.getenv("DATASOURCES_DEFAULT_URL");
        if (o.temporal() == null || url == null || url.isBlank()) {
            throw new IllegalArgumentException("--replicas needs --temporal HOST:PORT (scripts/temporal-server.sh start) and an"
                    + " external PostgreSQL in DATASOURCES_DEFAULT_URL/_USERNAME/_PASSWORD"
                    + " (eval \"$(scripts/temporal-server.sh memberflow-db)\")");
        }
        String user = System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", "postgres");
        String password = System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", "");
        CrashChecks.Database db = CrashChecks.Database.of(url, user, password);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of("target", "bench", "replicas-" + stamp);
        Files.createDirectories(dir);
        String secret = "whsec_replicas" + JourneyBench.random();
        String run = JourneyBench.random().substring(0, 6);
        Map<String, Object> report = new LinkedHashMap<>();
        boolean ok;
        List<MemberflowLauncher> processes = new ArrayList<>();
        try (CircleStandIn circle = new CircleStandIn(JourneyBench.CIRCLE_TOKEN, Duration.ZERO, 0, 0);
             KitStandIn kit = new KitStandIn(JourneyBench.KIT_KEY, Duration.ZERO, 0, 0);
             StripeStandIn stripe = new StripeStandIn(JourneyBench.STRIPE_KEY, Duration.ZERO, 0)) {
            Map<String, String> env = new HashMap<>(JourneyBench.env(secret, "replicas-admin-" + JourneyBench.random(),
                    circle, kit, stripe, o.temporal()));
            env.put("DATASOURCES_DEFAULT_URL", url);
            env.put("DATASOURCES_DEFAULT_USERNAME", user);
            env.put("DATASOURCES_DEFAULT_PASSWORD", password);
            String jar = o.jar() != null ? o.jar() : MemberflowLauncher.defaultJar();
            MemberflowLauncher web1 = start("web", 1, dir, jar, o, env, processes, out);
            MemberflowLauncher worker1 = start("worker", 1, dir, jar, o, env, processes, out);
            report.put("one", throughput("one", List.of(web1), List.of(web1, worker1), o, run, stripe, circle, secret, out));
            MemberflowLauncher web2 = start("web", 2, dir, jar, o, env, processes, out);
            MemberflowLauncher worker2 = start("worker", 2, dir, jar, o, env, processes, out);
            List<MemberflowLauncher> four = List.of(web1, worker1, web2, worker2);
            report.put("two", throughput("two", List.of(web1, web2), four, o, run, stripe, circle, secret, out));
            Map<String, Object> kill = new LinkedHashMap<>();
            ok = killPhase(o, run, List.of(web1, web2), web2, worker2, stripe, circle, db, secret, kill, out);
            report.put("kill", kill);
        } finally {
            for (MemberflowLauncher p : processes) {
                p.close();
            }
        }
        report.put("passed", ok);
        Path json = o.json() != null ? Path.of(o.json()) : Path.of("target", "bench", "replicas-" + stamp + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        out.println("\n" + (ok ? "PASSED" : "FAILED") + ": JSON " + json);
        return ok ? 0 : 1;
    }

    private static MemberflowLauncher start(String role, int n, Path dir, String jar, CrashOptions o, Map<String, String> env,
                                            List<MemberflowLauncher> processes, PrintStream out) throws Exception {
        MemberflowLauncher p = new MemberflowLauncher(dir.resolve(role + n + ".log"));
        processes.add(p);
        Map<String, String> e = new HashMap<>(env);
        e.put("MEMBERFLOW_ROLE", role);
        long t0 = System.currentTimeMillis();
        p.start(jar, o.xmx(), e);
        out.printf("%s %d ready in %.1f s (pid %d, %s)%n", role, n, (System.currentTimeMillis() - t0) / 1000.0, p.pid(), p.log);
        return p;
    }

    private static List<StripeObjects> customers(String run, String phase, int n) {
        List<StripeObjects> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new StripeObjects("rep" + run + phase + "x" + i, "rep+" + run + phase + i + "@example.test",
                    MemberflowLauncher.PLAN_PRICE, Instant.now().getEpochSecond()));
        }
        return list;
    }

    /** Sends a phase's journeys and reports journeys a second from the first send to the last Circle grant, with CPU. */
    private static Map<String, Object> throughput(String name, List<MemberflowLauncher> webs, List<MemberflowLauncher> all,
                                                  CrashOptions o, String run, StripeStandIn stripe, CircleStandIn circle,
                                                  String secret, PrintStream out) throws Exception {
        List<StripeObjects> customers = customers(run, name, o.customers());
        out.printf("%n== %s: %d web, %d worker process(es); %d journeys at %.0f events/s ==%n", name, webs.size(),
                all.size() - webs.size(), customers.size(), o.rate());
        double cpuBefore = cpu(all);
        double temporalBefore = ProcessSampler.pidFilesCpuSeconds(TEMPORAL_PID_FILES);
        double machineBefore = MachineCpu.busySeconds();
        long t0 = System.currentTimeMillis();
        try (ResendingSender sender = new ResendingSender(customers, urls(webs), secret, o.connections(), o2 -> o2.putInto(stripe))) {
            sender.run(o.rate(), o.settle());
        }
        long deadline = System.currentTimeMillis() + o.settle().toMillis();
        while (customers.stream().anyMatch(c -> circle.firstGrantMillis(c.email) == null) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        long last = customers.stream().map(c -> circle.firstGrantMillis(c.email)).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(t0);
        long granted = customers.stream().filter(c -> circle.firstGrantMillis(c.email) != null).count();
        double wall = (last - t0) / 1000.0;
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("web_processes", webs.size());
        phase.put("worker_processes", all.size() - webs.size());
        phase.put("journeys", customers.size());
        phase.put("with_access", granted);
        phase.put("offered_events_per_s", o.rate());
        phase.put("first_send_to_last_access_s", wall);
        phase.put("journeys_per_s", Math.round(granted / wall * 100) / 100.0);
        phase.put("memberflow_cpu_s", Math.round((cpu(all) - cpuBefore) * 10) / 10.0);
        double temporalCpu = ProcessSampler.pidFilesCpuSeconds(TEMPORAL_PID_FILES) - temporalBefore;
        phase.put("temporal_server_and_its_postgres_cpu_s", Double.isNaN(temporalCpu) ? "n/a (no "
                + TEMPORAL_PID_FILES.get(0) + ")" : Math.round(temporalCpu * 10) / 10.0);
        // over the span the machine was measured, which includes any settle wait after the last grant
        double measured = (System.currentTimeMillis() - t0) / 1000.0;
        phase.put("machine_busy_cores", Math.round((MachineCpu.busySeconds() - machineBefore) / measured * 100) / 100.0);
        CrashBench.print(out, phase);
        return phase;
    }

    private static boolean killPhase(CrashOptions o, String run, List<MemberflowLauncher> webs, MemberflowLauncher web2,
                                     MemberflowLauncher worker2, StripeStandIn stripe, CircleStandIn circle,
                                     CrashChecks.Database db, String secret, Map<String, Object> phase, PrintStream out)
            throws Exception {
        List<StripeObjects> customers = customers(run, "kill", o.customers());
        out.printf("%n== kill: %d journeys across 2 web processes, kill -9 of web 2 and worker 2 at %.1f s ==%n",
                customers.size(), o.killAt().toMillis() / 1000.0);
        long creations = circle.duplicateCreations();
        long grants = circle.duplicateGrants();
        try (ResendingSender sender = new ResendingSender(customers, urls(webs), secret, o.connections(), o2 -> o2.putInto(stripe))) {
            var sending = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.run(o.rate(), o.settle());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(o.killAt().toMillis());
            long killedAt = System.currentTimeMillis();
            web2.killJvm();
            worker2.killJvm();
            out.printf("killed web 2 (pid %d) and worker 2 (pid %d); they stay down%n", web2.pid(), worker2.pid());
            List<ResendingSender.Delivery> deliveries = sending.get();
            long deadline = System.currentTimeMillis() + o.settle().toMillis();
            CrashChecks.Result result;
            do {
                Thread.sleep(3000);
                result = CrashChecks.check(deliveries, customers, db, o.temporal(), circle);
            } while (!result.problems().isEmpty() && System.currentTimeMillis() < deadline);
            List<String> problems = new ArrayList<>(result.problems());
            long explained = 0;
            for (ResendingSender.Delivery d : deliveries) {
                if (result.signalsPerEvent().getOrDefault(d.eventId, 0) > 1) {
                    boolean byKilled = d.triedUrls.contains(1) && d.acked() && d.ackedMs <= killedAt
                            && d.ackedMs >= killedAt - REDELIVERY_WINDOW.toMillis();
                    if (byKilled) {
                        explained++;
                    } else {
                        problems.add(d.eventId + " was delivered to its workflow "
                                + result.signalsPerEvent().get(d.eventId) + " times, not because of the kill");
                    }
                }
            }
            phase.putAll(result.counts());
            phase.put("redelivered_after_the_kill (harmless)", explained);
            phase.put("kill_to_first_2xx_from_the_other_web_s", sender.firstAckAfter(killedAt, 0) < 0 ? null
                    : (sender.firstAckAfter(killedAt, 0) - killedAt) / 1000.0);
            phase.put("non_2xx_or_unanswered_tries", sender.nonAcked.get());
            phase.put("circle_duplicate_member_creations", circle.duplicateCreations() - creations);
            phase.put("circle_duplicate_grants", circle.duplicateGrants() - grants);
            phase.put("problems", problems.stream().limit(20).toList());
            boolean ok = problems.isEmpty() && circle.duplicateCreations() == creations && circle.duplicateGrants() == grants
                    && result.count("not_acknowledged") == 0;
            phase.put("passed", ok);
            CrashBench.print(out, phase);
            return ok;
        }
    }

    private static List<String> urls(List<MemberflowLauncher> webs) {
        return webs.stream().map(w -> w.origin() + "/webhooks/stripe").toList();
    }

    private static double cpu(List<MemberflowLauncher> processes) {
        double total = 0;
        for (MemberflowLauncher p : processes) {
            double c = ProcessSampler.cpuSeconds(p.pid());
            total += Double.isNaN(c) ? 0 : c;
        }
        return total;
    }

    /** The whole machine's busy CPU time from /proc/stat (everything but idle and iowait), in seconds. */
    static final class MachineCpu {
        private MachineCpu() {
        }

        static double busySeconds() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length; i++) {
                    if (i != 4 && i != 5 && i < 9) { // not idle, iowait, or guest (already in user)
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy / 100.0;
            } catch (Exception e) {
                return Double.NaN;
            }
        }
    }
}
