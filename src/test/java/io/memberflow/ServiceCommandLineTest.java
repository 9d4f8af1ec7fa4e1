package io.memberflow;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service jar's command line as picocli parses it: what runs, what each command is handed, what is refused. */
class ServiceCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ServiceCommandLine root = new ServiceCommandLine();
    private final CommandLine cli = ServiceCommandLine.create(root, print(out), print(err));

    @Test
    void givenNoArgument_thenTheServiceRuns() {
        assertThat(cli.execute()).isZero();
        assertThat(root.runService()).isTrue();
        assertThat(text(out) + text(err)).isEmpty();
    }

    @Test
    void givenHelp_thenEveryCommandIsListedOnStdout_andNothingRuns() {
        assertThat(cli.execute("--help")).isZero();
        assertThat(root.runService()).isFalse();
        assertThat(text(out)).contains("Usage: memberflow").contains("catch-up").contains("backfill").contains("reconcile")
                .contains("runs the service");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void givenHelpForACommand_thenItsOptionsAreListed() {
        assertThat(cli.execute("backfill", "--help")).isZero();
        assertThat(text(out)).contains("--mode").contains("--starting-after").contains("--rate").contains("--expected")
                .contains("--url").contains("--admin-token");
        out.reset();
        assertThat(cli.execute("help", "reconcile")).isZero();
        assertThat(text(out)).contains("--run").contains("--resume").contains("--every").doesNotContain("--limit");
    }

    @Test
    void givenAnUnknownOption_thenAUsageErrorAndExit2_andNoService() {
        assertThat(cli.execute("backfill", "--bogus", "x")).isEqualTo(2);
        assertThat(text(err)).contains("Unknown option").contains("'--bogus'").contains("Usage: memberflow backfill");
        err.reset();
        assertThat(cli.execute("--port", "9000")).isEqualTo(2);
        assertThat(root.runService()).isFalse();
        assertThat(text(err)).contains("Unknown option").contains("'--port'").contains("Usage: memberflow");
    }

    @Test
    void givenAnUnknownCommand_thenAUsageErrorAndExit2() {
        assertThat(cli.execute("backfil")).isEqualTo(2);
        assertThat(root.runService()).isFalse();
        assertThat(text(err)).contains("backfil");
    }

    @Test
    void givenAnOptionWithoutItsValue_thenAUsageErrorAndExit2() {
        assertThat(cli.execute("reconcile", "--run")).isEqualTo(2);
        assertThat(text(err)).contains("Missing required parameter for option '--run'");
        err.reset();
        assertThat(cli.execute("catch-up", "--since", "--url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(text(err)).contains("--since");
    }

    @Test
    void givenANumberThatIsNone_thenAUsageErrorAndExit2() {
        assertThat(cli.execute("backfill", "--rate", "fast")).isEqualTo(2);
        assertThat(text(err)).contains("Invalid value for option '--rate'");
    }

    @Test
    void givenOptions_thenTheCommandGetsExactlyThoseGiven_byNameWithoutDashes() {
        CommandLine.ParseResult parsed = cli.parseArgs("backfill", "--mode", "repair", "--rate=5", "--url",
                "http://10.0.0.1:8080", "--starting-after", "cus_1", "--run", "r1", "--expected", "42");
        ServiceCommandLine.Backfill backfill = (ServiceCommandLine.Backfill) parsed.subcommand().commandSpec().userObject();
        assertThat(backfill.options()).isEqualTo(Map.of("mode", "repair", "rate", "5.0", "url", "http://10.0.0.1:8080",
                "starting-after", "cus_1", "run", "r1", "expected", "42"));

        ServiceCommandLine.Reconcile reconcile = reconcile("reconcile");
        assertThat(reconcile.options()).isEmpty(); // every default stays the command's own

        assertThat(reconcile("reconcile", "--run", "report", "--run", "repair", "--every", "5").options())
                .isEqualTo(Map.of("run", "repair", "every", "5")); // a repeated option: the last one counts

        assertThat(reconcile("reconcile", "--admin-token", "t", "--resume", "run-1").options())
                .isEqualTo(Map.of("admin-token", "t", "resume", "run-1"));
    }

    @Test
    void givenTheRetiredReportOptions_thenReconcileSaysWhatReplacedThem() {
        assertThat(reconcile("reconcile", "--limit", "50").options()).containsKey("limit");
        assertThat(cli.execute("reconcile", "--after", "cus_1")).isEqualTo(2);
    }

    @Test
    void givenBenchOrSimulate_thenThePointerToTheBenchJar_andExit2_whateverFollows() {
        assertThat(cli.execute("bench", "--crash", "--customers", "3")).isEqualTo(2);
        assertThat(text(err)).contains("bench is not part of the service jar")
                .contains("java -jar bench/target/memberflow-bench.jar bench");
        err.reset();
        assertThat(cli.execute("simulate")).isEqualTo(2);
        assertThat(text(err)).contains("simulate is not part of the service jar");
        assertThat(root.runService()).isFalse();
    }

    private ServiceCommandLine.Reconcile reconcile(String... args) {
        CommandLine fresh = ServiceCommandLine.create(new ServiceCommandLine(), print(out), print(err));
        return (ServiceCommandLine.Reconcile) fresh.parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
