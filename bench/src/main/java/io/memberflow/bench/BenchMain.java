package io.memberflow.bench;

import io.memberflow.simulate.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code memberflow-bench.jar}, parsed by picocli: {@code bench [options]} ({@link BenchArgs}) and
 * {@code simulate [options]} ({@link Simulator}). No command: the usage on stderr, exit 2; an unknown option or a
 * missing value: the message and the usage, exit 2. The service jar it measures is on its Class-Path.
 */
@Command(name = "java -jar bench/target/memberflow-bench.jar", synopsisSubcommandLabel = "bench|simulate [options]",
        usageHelpAutoWidth = true, description = "Measures memberflow (bench) or sends it one customer's journey (simulate).",
        subcommands = {BenchMain.Simulate.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** Both commands, help on {@code out}, usage errors on {@code err}; {@code bench} prints its run to {@code out}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.addSubcommand("bench", BenchArgs.commandLine(new BenchArgs(), out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setOverwrittenOptionsAllowed(true); // a repeated option: the last one counts, as before picocli
        return cli;
    }

    @Command(name = "simulate", sortOptions = false, usageHelpAutoWidth = true,
            description = "Signs and sends one customer's journey to a running memberflow, like `stripe trigger`, and"
                    + " prints what its workflow made of each event.")
    static final class Simulate implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "--url", paramLabel = "URL", description = "The webhook endpoint (http://127.0.0.1:8080/webhooks/stripe).")
        String url;

        @Option(names = "--secret", paramLabel = "WHSEC", description = "Signing secret (STRIPE_WEBHOOK_SECRET, else the local development one).")
        String secret;

        @Option(names = "--temporal", paramLabel = "HOST:PORT", description = "Where to query the workflow (127.0.0.1:7233).")
        String temporal;

        @Option(names = "--price", paramLabel = "PRICE", description = "The Stripe price the journey pays (price_memberflow_demo).")
        String price;

        /** The options given, by name without the dashes; what was not given is absent (Simulator's default). */
        Map<String, String> options() {
            Map<String, String> options = new LinkedHashMap<>();
            BenchArgs.putIfGiven(options, "url", url);
            BenchArgs.putIfGiven(options, "secret", secret);
            BenchArgs.putIfGiven(options, "temporal", temporal);
            BenchArgs.putIfGiven(options, "price", price);
            return options;
        }

        @Override
        public Integer call() {
            return Simulator.run(options());
        }
    }
}
