package io.memberflow.backfill;

import com.fasterxml.jackson.databind.JsonNode;

/** Counts, rate and ETA of a backfill, for the terminal. */
final class BackfillProgress {
    private final String mode;
    private final long expected;
    private final long startNanos;
    private long customers;
    private long started;
    private long readRequested;
    private long failed;

    BackfillProgress(String mode, long expected, long startNanos) {
        this.mode = mode;
        this.expected = expected;
        this.startNanos = startNanos;
    }

    void add(JsonNode page) {
        customers += page.path("customers").asLong();
        failed += page.path("failed").asLong();
        if (mode.equals("repair")) {
            started += page.path("started").asLong();
            readRequested += page.path("readRequested").asLong();
        } else {
            for (JsonNode item : page.path("items")) {
                boolean read = item.path("action").asText().equals("would_request_read");
                started += read ? 0 : 1;
                readRequested += read ? 1 : 0;
            }
        }
    }

    long failed() {
        return failed;
    }

    double seconds() {
        return Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    }

    double rate() {
        return customers / seconds();
    }

    /** Sleeps as long as needed to keep the average at or under {@code perSecond}. */
    void pace(double perSecond) throws InterruptedException {
        double ahead = customers / perSecond - seconds();
        if (ahead > 0) {
            Thread.sleep((long) (ahead * 1000));
        }
    }

    String line(String resumeAfter) {
        String of = expected > 0 ? "/" + expected + String.format(" (%d%%)", Math.min(100, customers * 100 / expected)) : "";
        String eta = expected > 0 && rate() > 0 ? "ETA " + clock(Math.max(0, expected - customers) / rate()) : "ETA unknown";
        return String.format("[%s] %d%s customers, %.1f/s, %s; %s %d, %s %d, failed %d%s", mode, customers, of, rate(), eta,
                mode.equals("repair") ? "started" : "would start", started,
                mode.equals("repair") ? "read requested" : "would request a read", readRequested, failed,
                resumeAfter == null ? "" : " (resume: --starting-after " + resumeAfter + ")");
    }

    String summary(String lastCustomer, boolean complete) {
        return String.format("%s %s: %d customers in %s (%.1f/s): %s %d, %s %d, failed %d.%s",
                complete ? "Backfill" : "Backfill stopped,", mode, customers, clock(seconds()), rate(),
                mode.equals("repair") ? "workflows started" : "would start", started,
                mode.equals("repair") ? "running ones asked to read Stripe" : "running ones would be asked to read Stripe",
                readRequested, failed,
                complete ? (failed > 0 ? " Re-run the same command to retry the failed ones (nothing happens twice)." : "")
                        : " Resume with --starting-after " + lastCustomer + ".");
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
