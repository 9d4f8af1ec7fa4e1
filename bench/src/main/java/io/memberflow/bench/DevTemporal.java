package io.memberflow.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Temporal dev server for the crash test, run through {@code scripts/temporal-dev-server.sh} on free loopback
 * ports with its SQLite file under the run's directory, so its workflows survive a restart (the embedded test
 * server keeps nothing). {@link #kill9()} kills it outright; {@link #start()} starts it again on the same file.
 */
final class DevTemporal implements AutoCloseable {
    private final String script;
    private final int port = MemberflowLauncher.freePort();
    private final int uiPort = MemberflowLauncher.freePort();
    private final Path db;
    private final File log;

    DevTemporal(String script, Path dir) {
        this.script = script;
        this.db = dir.toAbsolutePath().resolve("temporal.db");
        this.log = dir.resolve("temporal-script.log").toFile();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts it (building the CLI the first time) and waits until it answers; returns the milliseconds taken. */
    long start() throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        ProcessBuilder b = new ProcessBuilder("bash", script, "start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        Map<String, String> env = b.environment();
        env.put("TEMPORAL_PORT", String.valueOf(port));
        env.put("TEMPORAL_UI_PORT", String.valueOf(uiPort));
        env.put("TEMPORAL_DB", db.toString());
        int exit = b.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("could not start the Temporal dev server (exit " + exit + "); see " + log);
        }
        return System.currentTimeMillis() - t0;
    }

    /** SIGKILL of the server process (pid from its pid file). */
    void kill9() throws IOException {
        long pid = Long.parseLong(Files.readString(Path.of(db + ".pid")).strip());
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    @Override
    public void close() throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", script, "stop").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        b.environment().put("TEMPORAL_DB", db.toString());
        b.environment().put("TEMPORAL_PORT", String.valueOf(port));
        b.start().waitFor();
    }
}
