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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bench --crash}: memberflow on its embedded PostgreSQL against a real Temporal dev server (SQLite file) and
 * the vendor stand-ins, under load from a {@link ResendingSender}, killed with SIGKILL once per phase:
 * <ol>
 *   <li>{@code jvm}: the JVM alone (its PostgreSQL is left running, orphaned);</li>
 *   <li>{@code service}: the JVM and its PostgreSQL together, as a container or OOM kill does;</li>
 *   <li>{@code temporal}: the Temporal server as well as the whole service.</li>
 * </ol>
 * After each kill everything is started again at once, and once the phase's customers settle, {@link CrashChecks}
 * counts what survived. A last check covers every phase's events after all the restarts. Each phase signs up its
 * own customers; the Stripe stand-in knows their customers and subscriptions (memberflow reads them) but no event
 * list, so no catch-up can replace a lost webhook. Exit 0 only when nothing acknowledged was lost or applied twice,
 * every customer has access once and no audit entry is missing.
 */
final class CrashBench {
    static final List<String> KINDS = List.of("jvm", "service", "temporal");

    private CrashBench() {
    }

    static int run(CrashOptions o, PrintStream out) throws Exception {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of("target", "bench", "crash-" + stamp);
        Files.createDirectories(dir);
        String secret = "whsec_crash" + JourneyBench.random();
        String admin = "crash-admin-" + JourneyBench.random();
        Map<String, Object> report = new LinkedHashMap<>();
        List<ResendingSender.Delivery> all = new ArrayList<>();
        List<StripeObjects> everyone = new ArrayList<>();
        boolean ok = true;
        try (CircleStandIn circle = new CircleStandIn(JourneyBench.CIRCLE_TOKEN, Duration.ZERO, 0, 0);
             KitStandIn kit = new KitStandIn(JourneyBench.KIT_KEY, Duration.ZERO, 0, 0);
             StripeStandIn stripe = new StripeStandIn(JourneyBench.STRIPE_KEY, Duration.ZERO, 0);
             DevTemporal temporal = new DevTemporal(o.temporalScript(), dir);
             MemberflowLauncher memberflow = new MemberflowLauncher(dir.resolve("memberflow.log"))) {
            out.printf("starting the Temporal dev server (%s) on %s...%n", o.temporalScript(), temporal.address());
            temporal.start();
            Map<String, String> env = JourneyBench.env(secret, admin, circle, kit, stripe, temporal.address());
            String jar = o.jar() != null ? o.jar() : MemberflowLauncher.defaultJar();
            long t0 = System.currentTimeMillis();
            memberflow.start(jar, o.xmx(), env);
            out.printf("memberflow ready in %.1f s on %s (pid %d, log %s)%n", (System.currentTimeMillis() - t0) / 1000.0,
                    memberflow.origin(), memberflow.pid(), memberflow.log);
            CrashChecks.Database db = embeddedDatabase(memberflow);
            String run = JourneyBench.random().substring(0, 6);
            for (String kind : o.kills()) {
                List<StripeObjects> customers = new ArrayList<>();
                for (int i = 0; i < o.customers(); i++) {
                    customers.add(new StripeObjects("crash" + run + kind + "x" + i, "crash+" + run + kind + i + "@example.test",
                            MemberflowLauncher.PLAN_PRICE, Instant.now().getEpochSecond()));
                }
                Map<String, Object> phase = phase(kind, o, out, customers, memberflow, temporal, jar, env, stripe, circle,
                        db, temporal.address(), secret, all);
                everyone.addAll(customers);
                report.put(kind, phase);
                ok &= Boolean.TRUE.equals(phase.get("passed"));
            }
            out.println("\nafter every kill and restart, all phases together:");
            CrashChecks.Result last = CrashChecks.check(all, everyone, db, temporal.address(), circle);
            Map<String, Object> total = new LinkedHashMap<>(last.counts());
            total.put("circle_duplicate_member_creations", circle.duplicateCreations());
            total.put("circle_duplicate_grants", circle.duplicateGrants());
            total.put("problems", last.problems().stream().limit(20).toList());
            boolean totalOk = last.problems().isEmpty() && circle.duplicateCreations() == 0 && circle.duplicateGrants() == 0;
            total.put("passed", totalOk);
            report.put("all", total);
            print(out, total);
            ok &= totalOk;
            report.put("setup", Map.of("customers_per_phase", o.customers(), "rate_events_per_s", o.rate(),
                    "kill_at_s", o.killAt().toMillis() / 1000.0, "temporal", "dev server " + temporal.address() + " (SQLite file)",
                    "durable_ack", !"false".equalsIgnoreCase(System.getenv("MEMBERFLOW_DURABLE_ACK")),
                    "resend", "until 2xx, " + ResendingSender.FIRST_RETRY.toMillis() + " ms doubling to "
                            + ResendingSender.MAX_RETRY.toSeconds() + " s, next url each try"));
        }
        report.put("passed", ok);
        Path json = o.json() != null ? Path.of(o.json()) : Path.of("target", "bench", "crash-" + stamp + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        out.println("\n" + (ok ? "PASSED" : "FAILED") + ": JSON " + json);
        return ok ? 0 : 1;
    }

    private static Map<String, Object> phase(String kind, CrashOptions o, PrintStream out, List<StripeObjects> customers,
                                             MemberflowLauncher memberflow, DevTemporal temporal, String jar,
                                             Map<String, String> env, StripeStandIn stripe, CircleStandIn circle,
                                             CrashChecks.Database db, String temporalTarget, String secret,
                                             List<ResendingSender.Delivery> all) throws Exception {
        out.printf("%n== kill %s: %d journeys at %.0f events/s, kill -9 at %.1f s ==%n", kind, customers.size(), o.rate(),
                o.killAt().toMillis() / 1000.0);
        long creationsBefore = circle.duplicateCreations();
        long grantsBefore = circle.duplicateGrants();
        Map<String, Object> phase = new LinkedHashMap<>();
        try (ResendingSender sender = new ResendingSender(customers, List.of(memberflow.origin() + "/webhooks/stripe"),
                secret, o.connections(), o2 -> o2.putInto(stripe))) {
            CompletableFuture<List<ResendingSender.Delivery>> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.run(o.rate(), o.settle().plusMinutes(3));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(o.killAt().toMillis());
            long orphansBefore = orphansStopped(memberflow.log);
            switch (kind) {
                case "jvm" -> memberflow.killJvm();
                case "service" -> memberflow.killService();
                default -> {
                    memberflow.killService(); // first: a live service would go on acknowledging without Temporal
                    temporal.kill9();
                }
            }
            // once the kill has returned, every process it names is gone: any 2xx after this comes from the restart
            long killedAt = System.currentTimeMillis();
            long ackedBefore = sender.acks.size();
            out.printf("killed %s after %d acknowledged events; starting again...%n", kind, ackedBefore);
            long temporalMs = kind.equals("temporal") ? temporal.start() : 0;
            memberflow.start(jar, o.xmx(), env);
            long readyAt = System.currentTimeMillis();
            List<ResendingSender.Delivery> deliveries = sending.get();
            all.addAll(deliveries);
            long firstAck = sender.firstAckAfter(killedAt);
            phase.put("acknowledged_before_kill", ackedBefore);
            phase.put("temporal_restart_s", temporalMs / 1000.0);
            phase.put("kill_to_ready_s", (readyAt - killedAt) / 1000.0);
            phase.put("kill_to_first_2xx_s", firstAck < 0 ? null : (firstAck - killedAt) / 1000.0);
            phase.put("non_2xx_or_unanswered_tries", sender.nonAcked.get());
            phase.put("orphaned_postgres_stopped_at_start", orphansStopped(memberflow.log) - orphansBefore);
            CrashChecks.Result result = settle(o, deliveries, customers, db, temporalTarget, circle);
            phase.putAll(result.counts());
            phase.put("circle_duplicate_member_creations", circle.duplicateCreations() - creationsBefore);
            phase.put("circle_duplicate_grants", circle.duplicateGrants() - grantsBefore);
            phase.put("problems", result.problems().stream().limit(20).toList());
            phase.put("passed", result.problems().isEmpty() && circle.duplicateCreations() == creationsBefore
                    && circle.duplicateGrants() == grantsBefore && result.count("not_acknowledged") == 0);
        }
        print(out, phase);
        return phase;
    }

    /** Checks every few seconds until nothing is wrong or {@code --settle} has passed; returns the last check. */
    private static CrashChecks.Result settle(CrashOptions o, List<ResendingSender.Delivery> deliveries,
                                             List<StripeObjects> customers, CrashChecks.Database db, String temporal,
                                             CircleStandIn circle) throws Exception {
        long deadline = System.currentTimeMillis() + o.settle().toMillis();
        CrashChecks.Result result;
        do {
            Thread.sleep(3000);
            result = CrashChecks.check(deliveries, customers, db, temporal, circle);
        } while (!result.problems().isEmpty() && System.currentTimeMillis() < deadline);
        return result;
    }

    /** The embedded PostgreSQL of the launched memberflow: its port from postmaster.pid, its password file. */
    static CrashChecks.Database embeddedDatabase(MemberflowLauncher memberflow) {
        return () -> {
            Path data = memberflow.dataDir.resolve("postgres");
            String port = Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip();
            String password = Files.readString(data.resolveSibling("postgres.password")).strip();
            return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
        };
    }

    private static long orphansStopped(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("left running by an earlier memberflow")).count();
        } catch (Exception e) {
            return -1;
        }
    }

    static void print(PrintStream out, Map<String, Object> values) {
        values.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                out.printf("  %-40s %s%n", k, list.isEmpty() ? "none" : "");
                list.forEach(p -> out.println("    - " + p));
            } else {
                out.printf("  %-40s %s%n", k, v);
            }
        });
    }
}
