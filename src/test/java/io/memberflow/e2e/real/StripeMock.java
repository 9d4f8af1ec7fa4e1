package io.memberflow.e2e.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stripe's official mock (stripe-mock, built by {@code scripts/stripe-mock.sh install}) as a process of this test
 * run, on 127.0.0.1 (HTTP on a free port, HTTPS on a random loopback one). It validates each request against Stripe's
 * OpenAPI spec and logs it; {@link #requests()} and {@link #rejected()} read that log.
 */
final class StripeMock implements AutoCloseable {
    private final Process process;
    private final Path log;
    final String url;

    private StripeMock(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** The binary, built on first use; null (with the reason printed) when it cannot be had. */
    static String install() {
        Processes.Result r = Processes.run(Duration.ofMinutes(20), Map.of(), "bash",
                Processes.REPO.resolve("scripts/stripe-mock.sh").toString(), "install");
        String path = r.output().lines().filter(l -> l.startsWith("/")).reduce((a, b) -> b).orElse(null);
        if (r.exit() != 0 || path == null || !Files.isExecutable(Path.of(path))) {
            System.out.println("stripe-mock install failed:\n" + r.output());
            return null;
        }
        return path;
    }

    static StripeMock start(String binary) throws IOException, InterruptedException {
        Files.createDirectories(Processes.WORK);
        Path log = Files.createTempFile(Processes.WORK, "stripe-mock", ".log");
        int port = Processes.freePort();
        Process p = new ProcessBuilder(binary, "-http-addr", "127.0.0.1:" + port, "-https-addr", "127.0.0.1:")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StripeMock mock = new StripeMock(p, log, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!mock.output().contains("Listening for HTTP at address")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("stripe-mock did not start:\n" + mock.output());
            }
            Thread.sleep(100);
        }
        return mock;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The requests stripe-mock saw, e.g. {@code GET /v1/subscriptions}, in order. */
    List<String> requests() {
        return output().lines().filter(l -> l.startsWith("Request: ")).map(l -> l.substring("Request: ".length())).toList();
    }

    /** The request validation errors it answered 400 for. */
    List<String> rejected() {
        return output().lines().filter(l -> l.contains("validation error")).toList();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
