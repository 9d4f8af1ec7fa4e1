package io.memberflow.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops a PostgreSQL left running in a data directory by a memberflow that died without stopping it ({@code kill -9}
 * of the JVM leaves the embedded postmaster running on its own). Called only while this process holds the
 * directory's {@link DataDirectoryLock}, so no live memberflow uses that server.
 * <p>
 * The postmaster is the pid in {@code postmaster.pid}, taken as ours only when it is a {@code postgres} process whose
 * working directory (PostgreSQL changes into its data directory) or arguments are this directory. It is stopped as
 * {@code pg_ctl stop -m fast} would (its own {@code pg_ctl}, beside its binary; else SIGTERM): open transactions roll
 * back, everything committed is already on disk, a checkpoint is written. If it has not gone after
 * {@link #STOP_WAIT}, it and its children are killed (PostgreSQL then recovers from its WAL at the next start). A
 * {@code postmaster.pid} naming a dead process, or one that is not a PostgreSQL of this directory, is stale: it is
 * removed, so a reused pid cannot block the start.
 */
final class OrphanedPostgres {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostgres.class);
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private OrphanedPostgres() {
    }

    /** What was found: nothing, a stale pid file, or an orphan that was stopped (and how). */
    enum Found { NOTHING, STALE_PID_FILE, ORPHAN_STOPPED, ORPHAN_KILLED }

    static Found clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<Long> pid = pidIn(pidFile);
        if (pid.isEmpty()) {
            return Found.NOTHING;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid.get()).filter(p -> isPostgresOf(p, dataDir));
        if (postmaster.isEmpty()) {
            endLeftovers(dataDir);
            Files.deleteIfExists(pidFile);
            LOG.info("Removed a stale postmaster.pid (pid {} is not a PostgreSQL of {})", pid.get(), dataDir.toAbsolutePath());
            return Found.STALE_PID_FILE;
        }
        ProcessHandle p = postmaster.get();
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        LOG.warn("An embedded PostgreSQL (pid {}) left running by an earlier memberflow holds {}: stopping it", p.pid(),
                dataDir.toAbsolutePath());
        long t0 = System.nanoTime();
        if (!pgCtlStop(p, dataDir)) {
            p.destroy(); // SIGTERM: a smart shutdown; the dead JVM's connections are gone already
        }
        boolean stopped = waitFor(p, STOP_WAIT);
        if (!stopped) {
            LOG.warn("PostgreSQL pid {} did not stop in {} s: killing it (it recovers from its WAL at the next start)",
                    p.pid(), STOP_WAIT.toSeconds());
            p.destroyForcibly();
        }
        for (ProcessHandle child : family) {
            if (!waitFor(child, Duration.ofSeconds(5))) {
                child.destroyForcibly();
            }
        }
        waitFor(p, Duration.ofSeconds(5));
        endLeftovers(dataDir);
        Files.deleteIfExists(pidFile);
        LOG.info("The earlier PostgreSQL (pid {}) is {} after {} ms", p.pid(), stopped ? "stopped" : "killed",
                (System.nanoTime() - t0) / 1_000_000);
        return stopped ? Found.ORPHAN_STOPPED : Found.ORPHAN_KILLED;
    }

    /**
     * Backends of a postmaster that was killed outright leave on their own within moments, but while one still holds
     * the old shared memory a new postmaster refuses to start: wait for them briefly, then kill them.
     */
    private static void endLeftovers(Path dataDir) {
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> isPostgresOf(p, dataDir)).toList();
        for (ProcessHandle p : left) {
            if (!waitFor(p, Duration.ofSeconds(5))) {
                LOG.warn("Killing PostgreSQL process {} left from an earlier server of {}", p.pid(), dataDir.toAbsolutePath());
                p.destroyForcibly();
                waitFor(p, Duration.ofSeconds(2));
            }
        }
    }

    static Optional<Long> pidIn(Path pidFile) {
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::strip).filter(s -> s.matches("\\d{1,10}")).map(Long::parseLong);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A {@code postgres} binary whose working directory, or whose {@code -D} argument, is {@code dataDir}. */
    static boolean isPostgresOf(ProcessHandle p, Path dataDir) {
        if (!p.isAlive() || p.info().command().map(c -> !Path.of(c).getFileName().toString().equals("postgres")).orElse(false)) {
            return false;
        }
        Path wanted = real(dataDir);
        Path cwd = Path.of("/proc", String.valueOf(p.pid()), "cwd");
        try {
            if (Files.exists(cwd) && Files.readSymbolicLink(cwd).equals(wanted)) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // not Linux, or not ours to look at: fall back to the arguments
        }
        String[] args = p.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D") && real(Path.of(args[i + 1])).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean pgCtlStop(ProcessHandle postmaster, Path dataDir) {
        Optional<Path> pgCtl = postmaster.info().command().map(c -> Path.of(c).resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        if (pgCtl.isEmpty()) {
            return false;
        }
        try {
            Process stop = new ProcessBuilder(pgCtl.get().toString(), "-D", dataDir.toAbsolutePath().toString(), "stop",
                    "-m", "fast", "-w", "-t", String.valueOf(STOP_WAIT.toSeconds()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return stop.waitFor(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS) && stop.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean waitFor(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !p.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
