package io.memberflow;

import io.memberflow.backfill.BackfillCommand;
import io.memberflow.catchup.CatchUpCommand;
import io.memberflow.reconcile.ReconcileCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The service jar's command line, parsed by picocli. No argument runs the service ({@link #runService()} tells
 * {@link Application} so); {@code catch-up}, {@code backfill} and {@code reconcile} talk to a running one and end
 * with their exit code; {@code bench} and {@code simulate} only say where they went (exit 2). An unknown option, a
 * missing value or an argument nobody takes is a usage error: the message and the usage on stderr, exit 2.
 *
 * <p>Each command hands the options that were given, by name without the dashes, to its {@code run(Map, PrintStream)},
 * which keeps the defaults and checks it always had.
 */
@Command(name = "memberflow", sortOptions = false, usageHelpAutoWidth = true,
        synopsisSubcommandLabel = "[COMMAND]",
        description = {"Without a command: runs the service (configuration from the environment; see docs/configuration.md)."},
        subcommands = {ServiceCommandLine.CatchUp.class, ServiceCommandLine.Backfill.class,
                ServiceCommandLine.Reconcile.class, ServiceCommandLine.Bench.class, ServiceCommandLine.Simulate.class,
                CommandLine.HelpCommand.class})
final class ServiceCommandLine implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private boolean runService;

    /** Set when the arguments asked for the service itself (no command): {@link Application} then starts it. */
    boolean runService() {
        return runService;
    }

    @Override
    public Integer call() {
        runService = true;
        return 0;
    }

    /** The command line over {@code root}, printing help to {@code out} and usage errors to {@code err}. */
    static CommandLine create(ServiceCommandLine root, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setOverwrittenOptionsAllowed(true); // a repeated option: the last one counts, as before picocli
        cli.getSubcommands().values().forEach(sub -> sub.setOverwrittenOptionsAllowed(true));
        return cli;
    }

    /** The options every admin-API command takes. */
    static final class AdminOptions {
        @Option(names = "--url", paramLabel = "URL", description = "The running memberflow (default http://127.0.0.1:8080).")
        String url;

        @Option(names = "--admin-token", paramLabel = "TOKEN", description = "The admin token (default: ADMIN_TOKEN).")
        String adminToken;

        void into(Map<String, String> options) {
            put(options, "url", url);
            put(options, "admin-token", adminToken);
        }
    }

    /** A sub-command that hands its given options to a {@code run(Map, PrintStream)}. */
    abstract static class AdminCommand implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Mixin
        AdminOptions admin;

        /** The options given, by name without the dashes; what was not given is absent (the command's default). */
        abstract Map<String, String> options();

        Map<String, String> adminOptions() {
            Map<String, String> options = new LinkedHashMap<>();
            admin.into(options);
            return options;
        }
    }

    @Command(name = "catch-up", sortOptions = false,
            description = "Asks a running memberflow (POST /admin/catch-up) to record every Stripe event it missed.")
    static final class CatchUp extends AdminCommand {
        @Option(names = "--since", paramLabel = "INSTANT", description = "Look back to this ISO-8601 instant, e.g. 2026-11-20T00:00:00Z.")
        String since;

        @Override
        Map<String, String> options() {
            Map<String, String> options = adminOptions();
            put(options, "since", since);
            return options;
        }

        @Override
        public Integer call() {
            return CatchUpCommand.run(options(), System.out);
        }
    }

    @Command(name = "backfill", sortOptions = false,
            description = "Pages Stripe's customers through POST /admin/backfill, with progress, ETA and where to resume.")
    static final class Backfill extends AdminCommand {
        @Option(names = "--mode", paramLabel = "report|repair", description = "report (default) or repair.")
        String mode;

        @Option(names = "--starting-after", paramLabel = "CUSTOMER", description = "Resume after this customer id.")
        String startingAfter;

        @Option(names = "--run", paramLabel = "NAME", description = "Names the backfill (default: today's date, UTC).")
        String run;

        @Option(names = "--rate", paramLabel = "N", description = "Customers a second (default 20 in repair mode, 0 = no limit).")
        Double rate;

        @Option(names = "--expected", paramLabel = "N", description = "How many customers there are (skips counting them).")
        Long expected;

        @Override
        Map<String, String> options() {
            Map<String, String> options = adminOptions();
            put(options, "mode", mode);
            put(options, "starting-after", startingAfter);
            put(options, "run", run);
            put(options, "rate", rate == null ? null : String.valueOf(rate));
            put(options, "expected", expected == null ? null : String.valueOf(expected));
            return options;
        }

        @Override
        public Integer call() {
            return BackfillCommand.run(options(), System.out);
        }
    }

    @Command(name = "reconcile", sortOptions = false,
            description = {"Starts a reconciliation run (POST /admin/reconcile/runs) and follows it to its end.",
                    "Exit code 0: no drift; 3: drift found; 1: the run failed; 4: paused on Circle's quota; 2: usage."})
    static final class Reconcile extends AdminCommand {
        @Option(names = "--run", paramLabel = "report|repair", description = "report (default: changes nothing) or repair.")
        String run;

        @Option(names = "--resume", paramLabel = "RUN_ID", description = "Go on with a failed or paused run.")
        String resume;

        @Option(names = "--every", paramLabel = "SECONDS", description = "Progress every N seconds (default 2).")
        String every;

        /** Options of the retired page-by-page drift report: taken, so that the command can say what replaced them. */
        @Option(names = {"--limit", "--after"}, hidden = true)
        String retired;

        @Override
        Map<String, String> options() {
            Map<String, String> options = adminOptions();
            put(options, "run", run);
            put(options, "resume", resume);
            put(options, "every", every);
            if (retired != null) {
                options.put("limit", retired);
            }
            return options;
        }

        @Override
        public Integer call() {
            return ReconcileCommand.run(options(), System.out);
        }
    }

    /** A command that left the service jar: its arguments, whatever they are, only get the pointer. */
    abstract static class Moved implements Callable<Integer> {
        @Unmatched
        List<String> ignored;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return moved(spec, spec.name());
        }
    }

    @Command(name = "bench", description = "Not in the service jar: java -jar bench/target/memberflow-bench.jar bench")
    static final class Bench extends Moved {
    }

    @Command(name = "simulate", description = "Not in the service jar: java -jar bench/target/memberflow-bench.jar simulate")
    static final class Simulate extends Moved {
    }

    private static int moved(CommandSpec spec, String command) {
        spec.commandLine().getErr().println(command + " is not part of the service jar: run java -jar"
                + " bench/target/memberflow-bench.jar " + command + " (built by mvn package)");
        return 2;
    }

    private static void put(Map<String, String> options, String name, String value) {
        if (value != null) {
            options.put(name, value);
        }
    }
}
