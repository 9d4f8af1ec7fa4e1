package io.memberflow.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchPercentilesTest {

    @Test
    void percentilesOfOneToAHundredAreTheNearestRanks() {
        List<Double> samples = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            samples.add((double) i);
        }
        Collections.shuffle(samples);

        Percentiles p = Percentiles.of(samples);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p95()).isEqualTo(95.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void aSmallSampleReportsItsLargestValueAsTheHighPercentiles() {
        Percentiles p = Percentiles.of(List.of(30.0, 10.0, 20.0));

        assertThat(p.p50()).isEqualTo(20.0);
        assertThat(p.p95()).isEqualTo(30.0);
        assertThat(p.p99()).isEqualTo(30.0);
    }

    @Test
    void noSamplesGiveNoNumbersRatherThanZeros() {
        Percentiles p = Percentiles.of(List.of());

        assertThat(p.count()).isZero();
        assertThat(p.p50()).isNaN();
        assertThat(p.row()).isEqualTo("n/a");
        assertThat(p.toMap()).containsEntry("p99", null);
    }

    @Test
    void durationsAcceptMillisecondsSecondsAndMinutes() {
        assertThat(BenchOptions.duration("50ms").toMillis()).isEqualTo(50);
        assertThat(BenchOptions.duration("60s").toMillis()).isEqualTo(60_000);
        assertThat(BenchOptions.duration("2m").toSeconds()).isEqualTo(120);
        assertThat(BenchOptions.parse(new String[]{"--temporal", "127.0.0.1:7233", "--temporal-outage", "60s@20s"})
                .outageAt().toSeconds()).isEqualTo(20);
    }

    @Test
    void theHeapIsTheSumOfTheHeapPoolsInPrometheusText() {
        String metrics = """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9999999.0
                """;

        assertThat(ProcessSampler.heapBytes(metrics)).isEqualTo(3145728.0);
    }
}
