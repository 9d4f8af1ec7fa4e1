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
}
