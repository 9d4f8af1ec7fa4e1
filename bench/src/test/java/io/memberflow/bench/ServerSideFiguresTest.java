package io.memberflow.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading memberflow's /prometheus text (Prometheus text format 0.0.4, as Micrometer writes it). */
class ServerSideFiguresTest {
    private static final String BEFORE = """
            # TYPE memberflow_webhook_ack_seconds histogram
            memberflow_webhook_ack_seconds_bucket{le="0.001"} 10.0
            memberflow_webhook_ack_seconds_bucket{le="0.005"} 90.0
            memberflow_webhook_ack_seconds_bucket{le="0.025"} 100.0
            memberflow_webhook_ack_seconds_bucket{le="+Inf"} 100.0
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 3.0
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.03
            """;
    private static final String AFTER = """
            memberflow_webhook_ack_seconds_bucket{le="0.001"} 10.0
            memberflow_webhook_ack_seconds_bucket{le="0.005"} 890.0
            memberflow_webhook_ack_seconds_bucket{le="0.025"} 1090.0
            memberflow_webhook_ack_seconds_bucket{le="+Inf"} 1100.0
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 7.0
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Humongous Allocation",gc="G1 Young Generation"} 1.0
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.09
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.02
            jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Humongous Allocation",gc="G1 Young Generation"} 0.04
            """;

    @Test
    void quantilesCountOnlyTheObservationsOfTheRun() {
        // the run added 1,000 answers: 800 within 5 ms, 190 more within 25 ms, 10 beyond
        assertEquals(0.005, ServerSideFigures.quantile(BEFORE, AFTER, "memberflow_webhook_ack_seconds", 0.5));
        assertEquals(0.025, ServerSideFigures.quantile(BEFORE, AFTER, "memberflow_webhook_ack_seconds", 0.99));
        assertEquals(Double.POSITIVE_INFINITY,
                ServerSideFigures.quantile(BEFORE, AFTER, "memberflow_webhook_ack_seconds", 0.999));
    }

    @Test
    void aLabelFilterKeepsOnlyTheMatchingSeries() {
        String before = """
                http_server_requests_seconds_bucket{method="POST",uri="/webhooks/stripe",le="0.01"} 0.0
                http_server_requests_seconds_bucket{method="POST",uri="/webhooks/stripe",le="+Inf"} 0.0
                http_server_requests_seconds_bucket{method="GET",uri="/prometheus",le="0.01"} 0.0
                http_server_requests_seconds_bucket{method="GET",uri="/prometheus",le="+Inf"} 0.0
                """;
        String after = """
                http_server_requests_seconds_bucket{method="POST",uri="/webhooks/stripe",le="0.01"} 100.0
                http_server_requests_seconds_bucket{method="POST",uri="/webhooks/stripe",le="+Inf"} 100.0
                http_server_requests_seconds_bucket{method="GET",uri="/prometheus",le="0.01"} 0.0
                http_server_requests_seconds_bucket{method="GET",uri="/prometheus",le="+Inf"} 50.0
                """;
        assertEquals(0.01, ServerSideFigures.quantile(before, after, "http_server_requests_seconds",
                "uri=\"/webhooks/stripe\"", 0.99));
        assertEquals(Double.POSITIVE_INFINITY, ServerSideFigures.quantile(before, after, "http_server_requests_seconds", 0.99));
    }

    @Test
    void noObservationsGiveNoQuantile() {
        assertTrue(Double.isNaN(ServerSideFigures.quantile(AFTER, AFTER, "memberflow_webhook_ack_seconds", 0.5)));
    }

    @Test
    void countersAreSummedOverTheirSeriesAndDiffed() {
        assertEquals(5.0, ServerSideFigures.delta(BEFORE, AFTER, "jvm_gc_pause_seconds_count", null));
        assertEquals(0.06, ServerSideFigures.delta(BEFORE, AFTER, "jvm_gc_pause_seconds_sum", null), 1e-9);
        assertEquals(0.04, ServerSideFigures.max(AFTER, "jvm_gc_pause_seconds_max"));
        assertTrue(Double.isNaN(ServerSideFigures.max(AFTER, "hikaricp_connections_acquire_seconds_max")));
    }
}
