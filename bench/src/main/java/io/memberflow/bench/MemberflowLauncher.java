package io.memberflow.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * memberflow as its own OS process ({@code java -jar} of the built jar) with a fresh temporary data directory,
 * free loopback ports and a generated plan file; stopped with SIGTERM, then killed.
 */
final class MemberflowLauncher implements AutoCloseable {
    /**
     * The JIT setting memberflow ships with (Dockerfile, Helm's {@code javaToolOptions}, the README's run command), so
     * that a bench measures what users run: C1 only (bench/RESULTS.md, "The first minute, and C1 only"). Options in
     * {@code MEMBERFLOW_BENCH_JAVA_OPTIONS} come later and win, e.g. {@code -XX:TieredStopAtLevel=4} for the JVM's own
     * tiered default.
     */
    static final List<String> SHIPPED_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    static final String PLAN_PRICE = "price_bench_pro";
    static final long PLAN_GROUP = 101;
    static final long PLAN_TAG = 9001;

    final int port = freePort();
    final int temporalPort = freePort();
    final Path dataDir;
    final Path log;
    /** Kit lifecycle tags by member state key (e.g. {@code canceled}); none unless set before {@link #start}. */
    Map<String, Long> lifecycleTags = Map.of();
    private Process process;

    MemberflowLauncher(Path log) throws IOException {
        this.dataDir = Files.createTempDirectory("memberflow-bench-");
        this.log = log;
    }

    /** Starts it and waits (up to 120 s) until /health/readiness answers 200. */
    void start(String jar, String xmx, Map<String, String> env) throws Exception {
        Path plan = dataDir.resolve("plans.yml");
        // A bench signs thousands up in minutes: those grants are not a month of live use, so the Circle quota is set
        // out of the way (the stand-in counts what Circle would, and the report gives it per run and per month).
        Files.writeString(plan, """
                memberflow:
                  circle:
                    monthly-quota: 100000000
                  plans:
                    pro:
                      stripe-price-ids: [%s]
                      circle-access-group-ids: [%d]
                      kit-tag-ids: [%d]
                """.formatted(PLAN_PRICE, PLAN_GROUP, PLAN_TAG) + lifecycleYaml());
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx" + xmx));
        command.addAll(SHIPPED_JVM_OPTIONS);
        String extra = System.getenv("MEMBERFLOW_BENCH_JAVA_OPTIONS"); // e.g. a JFR recording of memberflow alone
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dmemberflow.temporal.embedded-port=" + temporalPort, "-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> e = builder.environment();
        for (String inherited : List.of("TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "DATASOURCES_DEFAULT_URL",
                "SUPPORT_WEBHOOK_URL", "MEMBERFLOW_ROLE", "TEMPORAL_API_KEY")) {
            e.remove(inherited);
        }
        e.putAll(env);
        e.put("PORT", String.valueOf(port));
        e.put("MEMBERFLOW_DATA_DIR", dataDir.resolve("postgres").toString());
        e.put("MEMBERFLOW_TEMPORAL_EMBEDDED_PORT", String.valueOf(temporalPort));
        e.put("MICRONAUT_CONFIG_FILES", plan.toString());
        process = builder.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("memberflow exited with " + process.exitValue() + " during start-up; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(origin() + "/health/readiness"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("memberflow not ready after 120 s; see " + log);
    }

    private String lifecycleYaml() {
        if (lifecycleTags.isEmpty()) {
            return "";
        }
        StringBuilder yaml = new StringBuilder("  kit:\n    lifecycle-tag-ids:\n");
        new java.util.TreeMap<>(lifecycleTags).forEach((state, tag) -> yaml.append("      ").append(state).append(": ")
                .append(tag).append('\n'));
        return yaml.toString();
    }

    /** The embedded PostgreSQL's postmaster pid (from its postmaster.pid), or -1. */
    long embeddedDatabasePid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
        } catch (Exception e) {
            return -1;
        }
    }

    private java.util.Optional<ProcessHandle> embeddedDatabase() {
        long pid = embeddedDatabasePid();
        return pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : java.util.Optional.empty();
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL of the JVM alone: its embedded PostgreSQL (if any) goes on running, orphaned. */
    void killJvm() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGKILL of the whole service at once, as a container or OOM kill does: the JVM, its embedded PostgreSQL and
     * that server's processes. Returns how many processes were killed.
     */
    int killService() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        embeddedDatabase().ifPresent(pg -> {
            all.add(pg);
            all.addAll(pg.descendants().toList());
        });
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().join();
        }
        return all.size();
    }

    /** The service jar on this jar's Class-Path (where its io.memberflow.Application comes from), else target/memberflow-*.jar. */
    static String defaultJar() throws IOException {
        try {
            Path self = Path.of(io.memberflow.Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                return self.toString();
            }
        } catch (Exception ignored) {
            // fall through to target/
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.map(Path::toString).filter(p -> p.matches(".*/memberflow-[^/]*\\.jar") && !p.contains("original-") && !p.endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no memberflow jar in target/: mvn package first"));
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        // a PostgreSQL orphaned by a kill that was not followed by a start
        embeddedDatabase().ifPresent(pg -> {
            pg.destroy();
            pg.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        });
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
