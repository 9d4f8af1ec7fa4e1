package io.memberflow.e2e.real;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real Temporal dev server (SQLite file under target/e2e), run through scripts/temporal-dev-server.sh. */
final class TemporalDevServer implements AutoCloseable {
    final int port = Processes.freePort();
    final int uiPort = Processes.freePort();
    final Path db = Processes.WORK.resolve("temporal/temporal.db");
    private final String script = Processes.REPO.resolve("scripts/temporal-dev-server.sh").toString();

    /** The CLI binary, building it when absent; null when it cannot be had here. */
    static String installCli() {
        Processes.Result r = Processes.run(Duration.ofMinutes(30), Map.of(), "bash",
                Processes.REPO.resolve("scripts/temporal-dev-server.sh").toString(), "install");
        if (r.exit() != 0) {
            System.out.println("temporal CLI install failed:\n" + r.output());
            return null;
        }
        String[] lines = r.output().strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].strip().startsWith("/") && java.nio.file.Files.isExecutable(Path.of(lines[i].strip()))) {
                return lines[i].strip();
            }
        }
        System.out.println("temporal CLI install printed no binary path:\n" + r.output());
        return null;
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("TEMPORAL_PORT", String.valueOf(port));
        env.put("TEMPORAL_UI_PORT", String.valueOf(uiPort));
        env.put("TEMPORAL_DB", db.toString());
        return env;
    }

    void deleteData() {
        try {
            for (String suffix : new String[]{"", "-shm", "-wal", ".pid", ".log"}) {
                java.nio.file.Files.deleteIfExists(Path.of(db + suffix));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void start() {
        Processes.ok(Duration.ofMinutes(3), env(), "bash", script, "start");
    }

    void stop() {
        Processes.ok(Duration.ofMinutes(2), env(), "bash", script, "stop");
    }

    void restart() {
        Processes.ok(Duration.ofMinutes(3), env(), "bash", script, "restart");
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    String uiUrl() {
        return "http://127.0.0.1:" + uiPort;
    }

    @Override
    public void close() {
        Processes.run(Duration.ofMinutes(2), env(), "bash", script, "stop");
    }
}
