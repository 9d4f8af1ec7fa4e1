package io.memberflow.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrashOptionsTest {

    @Test
    void givenNoOptions_thenTheThreeKillsRunWithTheDefaults() {
        CrashOptions o = CrashOptions.parse(new String[]{"--crash"});
        assertThat(o.kills()).containsExactly("jvm", "service", "temporal");
        assertThat(o.customers()).isEqualTo(100);
        assertThat(o.rate()).isEqualTo(20.0);
        assertThat(o.killAt()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.temporalScript()).isEqualTo("scripts/temporal-dev-server.sh");
    }

    @Test
    void givenSomeKills_thenOnlyThoseRun_inTheGivenOrder() {
        CrashOptions o = CrashOptions.parse(new String[]{"--kills", "service,jvm", "--crash", "--kill-at", "1500ms"});
        assertThat(o.kills()).isEqualTo(List.of("service", "jvm"));
        assertThat(o.killAt()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void givenAnUnknownKillOrOption_thenTheBenchSaysWhatItKnows() {
        assertThatThrownBy(() -> CrashOptions.parse(new String[]{"--kills", "disk"})).hasMessageContaining("jvm, service, temporal");
        assertThatThrownBy(() -> CrashOptions.parse(new String[]{"--crash", "--rate"})).hasMessageContaining("--kill-at");
    }

    @Test
    void givenReplicasWithoutTemporalOrDatabase_thenItRefusesAndSaysHowToGetThem() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = BenchCommand.run(new String[]{"--replicas"}, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--temporal").contains("scripts/temporal-server.sh memberflow-db");
    }
}
