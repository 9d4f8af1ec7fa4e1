package io.memberflow.bench;

import io.memberflow.simulate.Simulator;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code bench [options]}: the journey benchmark; {@code bench --reconcile [options]} (or {@code bench reconcile}):
 * reconciliation at the vendors' published rate limits; {@code bench --crash}: kill -9 under load and count what
 * survived ({@link CrashBench}); {@code bench --replicas}: two web and two worker processes, one of each killed
 * ({@link ReplicaBench}); {@code bench ack [options]}: acknowledgement only.
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        if (args.length > 0 && args[0].equals("ack")) {
            return AckBench.run(Simulator.options(Arrays.copyOfRange(args, 1, args.length)), out);
        }
        try {
            if (args.length > 0 && args[0].equals("reconcile")) {
                return ReconcileBench.run(Arrays.copyOfRange(args, 1, args.length), out);
            }
            if (Arrays.asList(args).contains("--crash")) {
                return CrashBench.run(args, out);
            }
            if (Arrays.asList(args).contains("--replicas")) {
                return ReplicaBench.run(args, out);
            }
            if (Arrays.asList(args).contains("--reconcile")) {
                return ReconcileBench.run(args, out);
            }
            return JourneyBench.run(args, out);
        } catch (IllegalArgumentException e) {
            out.println("bench: " + e.getMessage());
            return 2;
        }
    }
}
