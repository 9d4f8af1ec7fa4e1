package io.memberflow.bench;

import io.memberflow.simulate.Simulator;

import java.util.Arrays;

/**
 * Entry point of {@code memberflow-bench.jar}: {@code bench [options]} ({@link BenchCommand}) and {@code simulate
 * [options]} ({@link Simulator}). The service jar it measures is on its Class-Path.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "bench" -> System.exit(BenchCommand.run(rest, System.out));
            case "simulate" -> System.exit(Simulator.run(rest));
            default -> {
                System.err.println("usage: java -jar bench/target/memberflow-bench.jar bench|simulate [options]");
                System.exit(2);
            }
        }
    }
}
