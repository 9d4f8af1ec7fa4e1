package io.memberflow.bench;

import java.io.PrintStream;

/**
 * {@code bench [options]}: the journey benchmark; {@code bench --find-max}: the highest rate that keeps up
 * ({@link FindMaxBench}); {@code bench --reconcile [options]} (or {@code bench reconcile}): reconciliation at the
 * vendors' published rate limits; {@code bench --crash}: kill -9 under load and count what survived
 * ({@link CrashBench}); {@code bench --replicas}: two web and two worker processes, one of each killed
 * ({@link ReplicaBench}); {@code bench ack [options]}: acknowledgement only. The command line is {@link BenchArgs}.
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    /** Runs {@code bench} with {@code args}, help and usage errors included, everything printed to {@code out}. */
    public static int run(String[] args, PrintStream out) {
        return BenchArgs.commandLine(new BenchArgs(), out, out).execute(args);
    }
}
