package io.memberflow.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench jar's command line as picocli parses it; nothing here starts a bench. */
class BenchCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandLine cli = BenchMain.commandLine(print(out), print(err));

    @Test
    void givenNoCommand_thenTheUsageOnStderr_andExit2() {
        assertThat(cli.execute()).isEqualTo(2);
        assertThat(text(err)).contains("Usage:").contains("bench").contains("simulate");
    }

    @Test
    void givenHelp_thenUsageOnStdout_andExit0() {
        assertThat(cli.execute("--help")).isZero();
        assertThat(text(out)).contains("bench").contains("simulate");
        out.reset();
        assertThat(cli.execute("bench", "--help")).isZero();
        assertThat(text(out)).contains("--find-max").contains("--step-duration").contains("--step-factor")
                .contains("--max-steps").contains("--crash").contains("--kill-at").contains("--reconcile")
                .contains("--drift").contains("--warm-up").contains("ack|reconcile");
        out.reset();
        assertThat(cli.execute("help", "simulate")).isZero();
        assertThat(text(out)).contains("--url").contains("--secret").contains("--temporal").contains("--price");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void givenAnUnknownOption_thenAUsageErrorAndExit2() {
        assertThat(cli.execute("bench", "--bogus", "1")).isEqualTo(2);
        assertThat(text(err)).contains("Unknown option").contains("'--bogus'").contains("Usage: ");
        err.reset();
        assertThat(cli.execute("simulate", "--rate", "3")).isEqualTo(2);
        assertThat(text(err)).contains("Unknown option").contains("'--rate'");
        err.reset();
        assertThat(cli.execute("benchmark")).isEqualTo(2);
        assertThat(text(err)).contains("benchmark");
    }

    @Test
    void givenAnOptionWithoutItsValue_thenAUsageErrorAndExit2() {
        assertThat(cli.execute("bench", "--rate")).isEqualTo(2);
        assertThat(text(err)).contains("Missing required parameter for option '--rate'");
        err.reset();
        assertThat(cli.execute("simulate", "--url")).isEqualTo(2);
        assertThat(text(err)).contains("Missing required parameter for option '--url'");
    }

    @Test
    void givenAValueOfTheWrongKind_thenAUsageErrorAndExit2() {
        assertThat(cli.execute("bench", "--rate", "fast")).isEqualTo(2);
        assertThat(text(err)).contains("Invalid value for option '--rate'");
        err.reset();
        assertThat(cli.execute("bench", "--settle", "soon")).isEqualTo(2);
        assertThat(text(err)).contains("--settle");
        err.reset();
        assertThat(cli.execute("bench", "--order", "sideways")).isEqualTo(2);
        assertThat(text(err)).contains("--order must be created, reverse or shuffled");
    }

    @Test
    void givenAnOptionOfAnotherMode_thenAUsageErrorNamingWhatTheModeKnows() {
        assertThat(cli.execute("bench", "--crash", "--order", "created")).isEqualTo(2);
        assertThat(text(err)).contains("--order is not an option of bench --crash").contains("--kill-at");
        err.reset();
        assertThat(cli.execute("bench", "--find-max", "--customers", "5")).isEqualTo(2);
        assertThat(text(err)).contains("--customers is not an option of bench --find-max").contains("--step-duration");
        err.reset();
        assertThat(cli.execute("bench", "reconcile", "--url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(text(err)).contains("--url is not available with --reconcile");
        err.reset();
        assertThat(cli.execute("bench", "--crash", "--replicas")).isEqualTo(2);
        assertThat(text(err)).contains("one mode at a time");
        err.reset();
        assertThat(cli.execute("bench", "frobnicate")).isEqualTo(2);
        assertThat(text(err)).contains("unknown mode `frobnicate`");
    }

    @Test
    void givenNoOptions_thenEachModeHasItsFormerDefaults() {
        BenchOptions journeys = BenchOptions.parse(new String[0]);
        assertThat(journeys.customers()).isEqualTo(300);
        assertThat(journeys.rate()).isEqualTo(50.0);
        assertThat(journeys.order()).isEqualTo("shuffled");
        assertThat(journeys.settle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(journeys.connections()).isEqualTo(64);
        assertThat(journeys.xmx()).isEqualTo("512m");
        assertThat(journeys.historySample()).isEqualTo(20);
        assertThat(journeys.temporalScript()).isEqualTo("scripts/temporal-dev-server.sh");
        assertThat(journeys.cpuPidFiles()).isEmpty();
        assertThat(journeys.warmUp()).isZero();

        BenchOptions findMax = BenchOptions.from(BenchArgs.parse(new String[]{"--find-max"}), true);
        assertThat(findMax.rate()).isEqualTo(20.0);
        assertThat(findMax.stepFactor()).isEqualTo(1.25);
        assertThat(findMax.stepDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(findMax.maxSteps()).isEqualTo(12);
        assertThat(findMax.step(30).customers()).isEqualTo(600); // 30 events/s for 60 s, 3 events a journey

        CrashOptions crash = CrashOptions.parse(new String[]{"--crash"});
        assertThat(crash.connections()).isEqualTo(32);
        assertThat(crash.settle()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void givenValues_thenTheyArriveTyped_theEqualsFormToo_andARepeatedOptionKeepsTheLast() {
        BenchOptions o = BenchOptions.parse(new String[]{"--rate=80", "--customers", "10", "--settle", "2m",
                "--cpu-pid-files", "a.pid,b.pid", "--rate", "90", "--vendor-latency", "15ms"});
        assertThat(o.rate()).isEqualTo(90.0);
        assertThat(o.customers()).isEqualTo(10);
        assertThat(o.settle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.cpuPidFiles()).isEqualTo(List.of("a.pid", "b.pid"));
        assertThat(o.vendorLatency()).isEqualTo(Duration.ofMillis(15));
    }

    @Test
    void givenAckOrSimulate_thenTheirCommandGetsExactlyTheOptionsGiven() {
        BenchArgs ack = BenchArgs.parse(new String[]{"ack", "--events", "10", "--concurrency", "2"});
        assertThat(ack.mode()).isEqualTo(BenchArgs.Mode.ACK);
        assertThat(ack.ackOptions()).isEqualTo(Map.of("events", "10", "concurrency", "2"));

        CommandLine.ParseResult parsed = cli.parseArgs("simulate", "--url", "http://127.0.0.1:9/webhooks/stripe",
                "--price", "price_x");
        BenchMain.Simulate simulate = (BenchMain.Simulate) parsed.subcommand().commandSpec().userObject();
        assertThat(simulate.options()).isEqualTo(Map.of("url", "http://127.0.0.1:9/webhooks/stripe", "price", "price_x"));
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
