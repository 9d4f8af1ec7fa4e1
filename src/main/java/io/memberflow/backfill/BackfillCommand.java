package io.memberflow.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memberflow.admin.AdminApiCall;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code java -jar memberflow.jar backfill [--url …] [--mode report|repair] [--starting-after cus_…] [--run …]
 * [--rate 20] [--expected N] [--admin-token …]}: pages Stripe's customers through {@code POST /admin/backfill} and
 * prints progress (count, rate, ETA) and a summary. It first counts the customers (a listing without Temporal
 * calls, 100 a request) unless {@code --expected} says how many, and paces itself to {@code --rate} customers a second (default 20, the pace of
 * Stripe reads; 0 = no limit), since each started workflow reads the customer from Stripe. Interrupting is safe:
 * each progress line names the {@code --starting-after} to resume from, and a re-run with the same {@code --run}
 * does nothing twice.
 */
public final class BackfillCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RETRIES = 8;

    private final AdminApiCall admin;
    private final PrintStream out;

    private BackfillCommand(AdminApiCall admin, PrintStream out) {
        this.admin = admin;
        this.out = out;
    }

    public static int run(Map<String, String> options, PrintStream out) {
        String mode = options.getOrDefault("mode", "report");
        AdminApiCall admin = AdminApiCall.from(options, "/admin/backfill", out).orElse(null);
        if (admin == null) {
            return 2;
        }
        if (!mode.equals("report") && !mode.equals("repair")) {
            out.println("--mode is report or repair");
            return 2;
        }
        return admin.exitCode(() -> new BackfillCommand(admin, out).backfill(mode, options), out);
    }

    private int backfill(String mode, Map<String, String> options) throws IOException, InterruptedException {
        double rate = Double.parseDouble(options.getOrDefault("rate", mode.equals("repair") ? "20" : "0"));
        String after = options.get("starting-after");
        String run = options.get("run");
        long expected = options.containsKey("expected") ? Long.parseLong(options.get("expected")) : count(after);
        BackfillProgress progress = new BackfillProgress(mode, expected, System.nanoTime());
        boolean more = true;
        while (more) {
            JsonNode page = post(mode, after, run);
            if (page == null) {
                out.println(progress.summary(after, false));
                return 1;
            }
            progress.add(page);
            if (mode.equals("report")) {
                for (JsonNode item : page.path("items")) {
                    out.printf("  %-40s workflow %-8s %s%n", item.path("customerId").asText(), item.path("workflow").asText(),
                            item.path("action").asText().replace('_', ' '));
                }
            }
            after = page.path("nextStartingAfter").isTextual() ? page.path("nextStartingAfter").asText() : after;
            more = page.path("hasMore").asBoolean(false);
            out.println(progress.line(after));
            if (rate > 0 && more) {
                progress.pace(rate);
            }
        }
        out.println(progress.summary(after, true));
        return progress.failed() > 0 ? 1 : 0;
    }

    private long count(String after) throws IOException, InterruptedException {
        out.print("Counting Stripe customers… ");
        long total = 0;
        boolean more = true;
        while (more) {
            JsonNode page = post("count", after, null);
            if (page == null) {
                return -1;
            }
            total += page.path("customers").asLong();
            after = page.path("nextStartingAfter").isTextual() ? page.path("nextStartingAfter").asText() : after;
            more = page.path("hasMore").asBoolean(false);
        }
        out.println(total);
        return total;
    }

    /** One page; retries a 503 (Stripe busy) with backoff. Null when refused for good (printed). */
    private JsonNode post(String mode, String after, String run) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("mode", mode).put("limit", 100);
        if (after != null) {
            body.put("startingAfter", after);
        }
        if (run != null) {
            body.put("run", run);
        }
        long wait = 1000;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = admin.post("/admin/backfill", body.toString(), Duration.ofMinutes(5));
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            if (r.statusCode() != 503 || attempt >= RETRIES) {
                out.println("Backfill refused (HTTP " + r.statusCode() + "): " + r.body());
                return null;
            }
            out.println("Stripe busy (" + r.body() + "); retrying in " + wait + " ms");
            Thread.sleep(wait);
            wait = Math.min(wait * 2, 30_000);
        }
    }
}
