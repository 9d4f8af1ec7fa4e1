package io.memberflow.e2e.real;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands for the end-to-end suite and reports their output when they fail. */
final class Processes {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path WORK = REPO.resolve("target/e2e");

    private Processes() {
    }

    record Result(int exit, String output) {
    }

    static Result run(Duration timeout, Map<String, String> env, String... command) {
        try {
            Files.createDirectories(WORK);
            Path out = Files.createTempFile(WORK, "cmd", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Result ok(Duration timeout, Map<String, String> env, String... command) {
        Result r = run(timeout, env, command);
        if (r.exit() != 0) {
            throw new AssertionError("exit " + r.exit() + ": " + String.join(" ", command) + "\n" + r.output());
        }
        return r;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
