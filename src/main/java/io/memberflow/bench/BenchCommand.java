package io.memberflow.bench;

import io.memberflow.simulate.Simulator;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code bench [options]}: the journey benchmark; {@code bench ack [options]}: acknowledgement only. */
public final class BenchCommand {
    private BenchCommand() {
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        if (args.length > 0 && args[0].equals("ack")) {
            return AckBench.run(Simulator.options(Arrays.copyOfRange(args, 1, args.length)), out);
        }
        try {
            return JourneyBench.run(args, out);
        } catch (IllegalArgumentException e) {
            out.println("bench: " + e.getMessage());
            return 2;
        }
    }
}
