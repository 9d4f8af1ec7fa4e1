package io.memberflow.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --temporal-outage LENGTH@START}: {@code START} into the run, stops the Temporal server through its
 * script ({@code scripts/temporal-dev-server.sh stop}), and {@code LENGTH} later starts it again.
 */
final class TemporalOutage {
    private final String script;
    private final Duration length;
    private final Duration at;
    private final List<String> log = new ArrayList<>();
    private Thread thread;
    private volatile boolean restarted;

    TemporalOutage(String script, Duration length, Duration at) {
        this.script = script;
        this.length = length;
        this.at = at;
    }

    void begin() {
        thread = new Thread(() -> {
            try {
                Thread.sleep(at.toMillis());
                run("stop");
                Thread.sleep(length.toMillis());
                run("start");
                restarted = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "temporal-outage");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until Temporal has been started again (or gives up after the outage plus 3 minutes). */
    void awaitEnd() throws InterruptedException {
        if (thread != null) {
            thread.join(at.plus(length).plusMinutes(3).toMillis());
        }
    }

    boolean restarted() {
        return restarted;
    }

    List<String> log() {
        return log;
    }

    private void run(String command) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        int exit;
        try {
            Process p = new ProcessBuilder("bash", script, command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/bench/temporal-outage.log"))).start();
            exit = p.waitFor();
        } catch (java.io.IOException e) {
            exit = -1;
        }
        String line = String.format("%s %s: exit %d after %d ms", java.time.Instant.now(), command, exit,
                System.currentTimeMillis() - t0);
        synchronized (log) {
            log.add(line);
        }
        System.out.println("temporal outage: " + line);
    }
}
