package io.memberflow.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The acknowledgement is reported from the due time (with the sender's lag) and from the send (without it). */
class JourneyReportSendsTest {
    private static final long MS = 1_000_000L;

    @Test
    void givenASenderThatStartedLate_thenFromSendLeavesItsLagOutAndFromDueKeepsIt() {
        JourneyReport report = new JourneyReport();
        // due at 0, begun 40 ms late, answered 5 ms after it began
        report.sends(List.of(new JourneySender.Sent(0, "invoice.paid", 0, 40 * MS, 45 * MS, 0, 200)), 1);

        assertThat(((Map<?, ?>) report.json.get("ack_ms")).get("p99")).isEqualTo(45.0);
        assertThat(((Map<?, ?>) report.json.get("ack_from_send_ms")).get("p99")).isEqualTo(5.0);
        assertThat(report.json.get("max_sender_lag_ms")).isEqualTo(40.0);
    }

    @Test
    void givenSlowAcksInTheFirstAndThirdSecond_thenTheyAreCountedPerSecondUpToTheLastSlowOne() {
        long s = 1_000_000_000L;
        List<JourneySender.Sent> sent = List.of(
                new JourneySender.Sent(0, "invoice.paid", 0, 0, 80 * MS, 0, 200),                   // second 0, slow
                new JourneySender.Sent(1, "invoice.paid", 500 * MS, 500 * MS, 560 * MS, 0, 200),     // second 0, slow
                new JourneySender.Sent(2, "invoice.paid", s, s, s + 50 * MS, 0, 200),                // second 1, exactly 50: not slow
                new JourneySender.Sent(3, "invoice.paid", 2 * s + 1, 2 * s + 1, 2 * s + 90 * MS, 0, 200), // second 2, slow
                new JourneySender.Sent(4, "invoice.paid", 5 * s, 5 * s, 5 * s + 3 * MS, 0, 200));   // second 5, fast

        assertThat(JourneyReport.slowBySecond(sent, 0, 50)).containsExactly(2, 0, 1);

        JourneyReport report = new JourneyReport();
        report.sends(sent, 5);
        assertThat(report.json.get("acks_over_50ms_by_second")).isEqualTo(List.of(2, 0, 1));
    }
}
