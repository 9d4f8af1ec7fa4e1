package io.memberflow.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The {@code bench} command as picocli parses it: one option set for every mode, every value typed and checked by
 * picocli (an unknown option, a missing value, a number that is none: usage error, exit 2), absent values left null
 * so that each mode's record ({@link BenchOptions}, {@link CrashOptions}, {@link ReconcileOptions}) applies its own
 * defaults, and each mode refusing the options that are not its own.
 *
 * <p>Modes: journeys (no flag), {@code --find-max}, {@code --crash}, {@code --replicas}, {@code --reconcile} (or
 * {@code bench reconcile}), {@code bench ack}.
 */
@Command(name = "bench", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Measures memberflow: journeys (default), --find-max, --crash, --replicas, --reconcile, ack.",
                "Journeys (default): signed signup journeys at an offered rate against the stand-ins, latency and"
                + " cost. --find-max: raises the rate step by step to the highest one that keeps up. --crash, --replicas:"
                + " kill -9 under load and count what survived. --reconcile (or `bench reconcile`): reconciliation at the"
                + " vendors' published limits. `bench ack`: acknowledgement only, against a running memberflow.",
                "Defaults differ by mode; each mode refuses the options that are not its own."})
final class BenchArgs implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(arity = "0..1", paramLabel = "ack|reconcile", description = "ack: acknowledgement only; reconcile: as --reconcile.")
    String word;

    @Option(names = "--find-max", description = "Raise the offered rate step by step until the service no longer keeps up.")
    boolean findMax;
    @Option(names = "--crash", description = "kill -9 under load (jvm, service, temporal) and count what survived.")
    boolean crash;
    @Option(names = "--replicas", description = "Two web and two worker processes, one of each killed.")
    boolean replicas;
    @Option(names = "--reconcile", description = "Reconciliation at the vendors' published limits.")
    boolean reconcile;

    // journeys (and what the other modes share)
    @Option(names = "--customers", paramLabel = "N", description = "Journeys (300; --crash/--replicas: 100 per phase).")
    Integer customers;
    @Option(names = "--rate", paramLabel = "R", description = "Offered events/s (50; --crash/--replicas and --find-max's first step: 20).")
    Double rate;
    @Option(names = "--order", paramLabel = "created|reverse|shuffled", description = "Order of a journey's events (shuffled).")
    String order;
    @Option(names = "--lag-ms", paramLabel = "L", description = "Extra random lag (0..L ms) between a journey's events (0).")
    Long lagMs;
    @Option(names = "--temporal", paramLabel = "HOST:PORT", description = "memberflow's TEMPORAL_ADDRESS (embedded).")
    String temporal;
    @Option(names = "--settle", paramLabel = "D", converter = DurationConverter.class,
            description = "Wait for access after the last answer (60s; --crash: 120s; --reconcile: 600s).")
    Duration settle;
    @Option(names = "--vendor-latency", paramLabel = "D", converter = DurationConverter.class, description = "Added to every stand-in answer (0ms).")
    Duration vendorLatency;
    @Option(names = "--circle-503", paramLabel = "S", description = "Share of Circle calls answered 503 (0).")
    Double circle503;
    @Option(names = "--kit-rate-limit", paramLabel = "N", description = "Kit's limit per rolling 60 s (none).")
    Integer kitRateLimit;
    @Option(names = "--temporal-outage", paramLabel = "L@T", description = "With --temporal: stop Temporal T into the run for L.")
    String temporalOutage;
    @Option(names = "--temporal-script", paramLabel = "PATH", description = "Stops and starts Temporal (scripts/temporal-dev-server.sh).")
    String temporalScript;
    @Option(names = "--connections", paramLabel = "N", description = "Sender pool size (64; --crash/--replicas: 32).")
    Integer connections;
    @Option(names = "--warm-up", paramLabel = "N", description = "First sign up N other customers, not measured (0).")
    Integer warmUp;
    @Option(names = "--cpu-pid-files", paramLabel = "F1,F2", description = "Also report the CPU of these processes (pid files).")
    String cpuPidFiles;
    @Option(names = "--json", paramLabel = "PATH", description = "Where the JSON report goes (target/bench/…).")
    String json;
    @Option(names = "--xmx", paramLabel = "SIZE", description = "memberflow's -Xmx (512m).")
    String xmx;
    @Option(names = "--history-sample", paramLabel = "N", description = "Workflow histories read (20).")
    Integer historySample;
    @Option(names = "--jar", paramLabel = "PATH", description = "The service jar (the one on this jar's Class-Path).")
    String jar;
    @Option(names = "--url", paramLabel = "URL", description = "Use an already running memberflow (ack: its webhook URL).")
    String url;
    @Option(names = "--secret", paramLabel = "WHSEC", description = "The webhook signing secret for --url or ack.")
    String secret;
    @Option(names = "--stand-in-port", paramLabel = "P", description = "With --url: Circle on P, Kit P+1, Stripe P+2.")
    Integer standInPort;

    // --find-max
    @Option(names = "--step-duration", paramLabel = "D", converter = DurationConverter.class,
            description = "--find-max: how long each step sends (60s).")
    Duration stepDuration;
    @Option(names = "--step-factor", paramLabel = "F", description = "--find-max: each step offers F times the last rate (1.25).")
    Double stepFactor;
    @Option(names = "--max-steps", paramLabel = "N", description = "--find-max: at most N steps (12).")
    Integer maxSteps;

    // --crash, --replicas
    @Option(names = "--kill-at", paramLabel = "D", converter = DurationConverter.class, description = "--crash: kill this long into each phase (5s).")
    Duration killAt;
    @Option(names = "--kills", paramLabel = "K1,K2", description = "--crash: jvm,service,temporal (all three).")
    String kills;

    // --reconcile
    @Option(names = "--drift", paramLabel = "S", description = "--reconcile: share of customers drifted by hand (0.02).")
    Double drift;
    @Option(names = "--billing-ended", paramLabel = "N", description = "--reconcile: subscriptions canceled at Stripe (5).")
    Integer billingEnded;
    @Option(names = "--unknown-members", paramLabel = "N", description = "--reconcile: strangers put in the paid group (5).")
    Integer unknownMembers;
    @Option(names = "--repair-timeout", paramLabel = "D", converter = DurationConverter.class, description = "--reconcile: wait for the repairs (5m).")
    Duration repairTimeout;
    @Option(names = "--seed", paramLabel = "N", description = "--reconcile: which customers drift (1).")
    Long seed;

    // ack
    @Option(names = "--events", paramLabel = "N", description = "ack: events sent (400).")
    Integer events;
    @Option(names = "--concurrency", paramLabel = "N", description = "ack: parallel senders (8).")
    Integer concurrency;
    @Option(names = "--admin-token", paramLabel = "TOKEN", description = "ack: reads the service's heap (default ADMIN_TOKEN).")
    String adminToken;

    /** The modes, each with the options (long names without dashes) it takes. */
    enum Mode {
        JOURNEYS("bench", Set.of("url", "temporal", "customers", "rate", "order", "lag-ms", "settle", "vendor-latency",
                "circle-503", "kit-rate-limit", "temporal-outage", "temporal-script", "json", "connections", "xmx",
                "history-sample", "jar", "stand-in-port", "secret", "cpu-pid-files", "warm-up")),
        FIND_MAX("bench --find-max", Set.of("url", "temporal", "rate", "order", "lag-ms", "settle", "vendor-latency",
                "circle-503", "kit-rate-limit", "json", "connections", "xmx", "history-sample", "jar", "stand-in-port",
                "secret", "cpu-pid-files", "warm-up", "step-duration", "step-factor", "max-steps")),
        CRASH("bench --crash", Set.of("customers", "rate", "kill-at", "settle", "kills", "temporal-script", "temporal",
                "jar", "xmx", "connections", "json")),
        REPLICAS("bench --replicas", CRASH.options),
        RECONCILE("bench --reconcile", reconcileOptions()),
        ACK("bench ack", Set.of("url", "secret", "events", "concurrency", "admin-token"));

        final String label;
        final Set<String> options;

        Mode(String label, Set<String> options) {
            this.label = label;
            this.options = options;
        }

        String known() {
            return "--" + String.join(" --", new TreeSet<>(options));
        }

        private static Set<String> reconcileOptions() {
            Set<String> options = new TreeSet<>(Set.of("url", "temporal", "customers", "rate", "order", "lag-ms", "settle",
                    "vendor-latency", "circle-503", "kit-rate-limit", "temporal-outage", "temporal-script", "json",
                    "connections", "xmx", "history-sample", "jar", "stand-in-port", "secret", "cpu-pid-files", "warm-up"));
            options.removeAll(ReconcileOptions.REFUSED);
            options.addAll(ReconcileOptions.OWN);
            return Set.copyOf(options);
        }
    }

    private CommandLine.ParseResult parsed;
    private PrintStream out = System.out;

    /** The options given on the command line, by long name without the dashes. */
    Set<String> given() {
        Set<String> names = new TreeSet<>();
        if (parsed != null) {
            for (OptionSpec o : parsed.matchedOptions()) {
                names.add(o.longestName().replaceFirst("^--", ""));
            }
        }
        return names;
    }

    boolean given(String name) {
        return given().contains(name);
    }

    /** The mode the flags (or the word after {@code bench}) ask for; more than one is an error. */
    Mode mode() {
        List<Mode> modes = new ArrayList<>();
        if (word != null) {
            switch (word) {
                case "ack" -> modes.add(Mode.ACK);
                case "reconcile" -> modes.add(Mode.RECONCILE);
                default -> throw new IllegalArgumentException("unknown mode `" + word + "`: ack or reconcile (or none)");
            }
        }
        if (findMax) {
            modes.add(Mode.FIND_MAX);
        }
        if (crash) {
            modes.add(Mode.CRASH);
        }
        if (replicas) {
            modes.add(Mode.REPLICAS);
        }
        if (reconcile && !modes.contains(Mode.RECONCILE)) {
            modes.add(Mode.RECONCILE);
        }
        if (modes.size() > 1) {
            throw new IllegalArgumentException("one mode at a time: " + modes.stream().map(m -> m.label).toList());
        }
        return modes.isEmpty() ? Mode.JOURNEYS : modes.get(0);
    }

    /** Refuses options that {@code mode} does not take (naming those it does). */
    void onlyOptionsOf(Mode mode) {
        for (String name : given()) {
            if (Set.of("find-max", "crash", "replicas", "reconcile", "help").contains(name) || mode.options.contains(name)) {
                continue;
            }
            if (mode == Mode.RECONCILE && ReconcileOptions.REFUSED.contains(name)) {
                throw new IllegalArgumentException("--" + name + " is not available with --reconcile");
            }
            throw new IllegalArgumentException("--" + name + " is not an option of " + mode.label + "; known: " + mode.known());
        }
    }

    /** The options given to {@code bench ack}, by name without the dashes (AckBench keeps the defaults). */
    Map<String, String> ackOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        putIfGiven(options, "url", url);
        putIfGiven(options, "secret", secret);
        putIfGiven(options, "events", events);
        putIfGiven(options, "concurrency", concurrency);
        putIfGiven(options, "admin-token", adminToken);
        return options;
    }

    /** Adds {@code value} under {@code name} when it was given; an absent option stays absent (the mode's default). */
    static void putIfGiven(Map<String, String> options, String name, Object value) {
        if (value != null) {
            options.put(name, String.valueOf(value));
        }
    }

    @Override
    public Integer call() throws Exception {
        parsed = spec.commandLine().getParseResult();
        Mode mode;
        try {
            mode = mode();
            onlyOptionsOf(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            return switch (mode) {
                case ACK -> AckBench.run(ackOptions(), out);
                case CRASH -> CrashBench.run(checked(() -> CrashOptions.from(this)), out);
                case REPLICAS -> ReplicaBench.run(checked(() -> CrashOptions.from(this)), out);
                case RECONCILE -> ReconcileBench.run(checked(() -> ReconcileOptions.from(this)), out);
                case FIND_MAX -> FindMaxBench.run(checked(() -> BenchOptions.from(this, true)), out);
                case JOURNEYS -> JourneyBench.run(checked(() -> BenchOptions.from(this, false)), out);
            };
        } catch (IllegalArgumentException e) { // something the run found wrong (e.g. --replicas without a database)
            out.println("bench: " + e.getMessage());
            return 2;
        }
    }

    /** An option value a mode's record refuses is a usage error too. */
    private <T> T checked(java.util.function.Supplier<T> options) {
        try {
            return options.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bench: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code args} of {@code bench} without running anything (for the option records' {@code parse} and
     * tests); a picocli usage error becomes an IllegalArgumentException naming what the mode knows.
     */
    static BenchArgs parse(String[] args) {
        BenchArgs a = new BenchArgs();
        CommandLine cli = commandLine(a, System.out, System.err);
        try {
            a.parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            String known;
            try {
                known = a.mode().known();
            } catch (IllegalArgumentException noMode) {
                known = Mode.JOURNEYS.known();
            }
            String what = e instanceof CommandLine.MissingParameterException ? "missing value: " : "unknown option or bad value: ";
            throw new IllegalArgumentException(what + e.getMessage() + "; known: " + known, e);
        }
        return a;
    }

    /** {@code bench} as a picocli command line, printing help to {@code out} and errors to {@code err}. */
    static CommandLine commandLine(BenchArgs a, PrintStream out, PrintStream err) {
        a.out = out;
        CommandLine cli = new CommandLine(a);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setOverwrittenOptionsAllowed(true); // a repeated option: the last one counts, as before picocli
        return cli;
    }

    /** {@code 50ms}, {@code 60s}, {@code 2m}, or a bare number of milliseconds ({@link BenchOptions#duration}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return BenchOptions.duration(value);
        }
    }
}
