package io.memberflow.e2e.real;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** memberflow as a separate OS process ({@code java -jar target/memberflow-*.jar}), as users run it. */
final class MemberflowProcess implements AutoCloseable {
    final int port = Processes.freePort();
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private int starts;

    MemberflowProcess(Map<String, String> env) {
        this.env = new HashMap<>(env);
        this.env.put("PORT", String.valueOf(port));
        this.log = Processes.WORK.resolve("memberflow.log");
    }

    static Path jar() throws IOException {
        try (var files = Files.list(Processes.REPO.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("memberflow-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("original-"))
                    .filter(p -> !p.getFileName().toString().endsWith("-tests.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no memberflow jar in target/: run mvn package first"));
        }
    }

    void set(String name, String value) {
        env.put(name, value);
    }

    void start() throws Exception {
        starts++;
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBin(), "-Xmx512m", "-jar", jar().toString()))
                .directory(Processes.WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Files.writeString(log, "\n===== start " + starts + " =====\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("memberflow exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("memberflow did not become ready in 90 s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no graceful drain. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
