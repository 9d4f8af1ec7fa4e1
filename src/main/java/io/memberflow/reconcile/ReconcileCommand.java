package io.memberflow.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memberflow.admin.AdminApiCall;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar memberflow.jar reconcile --run repair|report} or {@code --resume <run id>}: a reconciliation run
 * through {@link ReconcileRunCommand}. Without them, {@code reconcile [--url …] [--limit 100] [--after cus_…]
 * [--admin-token …]}: pages the
 * drift report through {@code POST /admin/reconcile}, printing after each page the count, the rate, the drift so far
 * and where to resume, then a summary and the drifted customers the pages gave as examples. Report only. Exit code
 * 0 when every checked customer is in sync, 3 when some drifted, 1 when the report stopped, 2 for a usage error.
 */
public final class ReconcileCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminApiCall admin;
    private final PrintStream out;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long customers;

    private ReconcileCommand(AdminApiCall admin, PrintStream out) {
        this.admin = admin;
        this.out = out;
    }

    public static int run(Map<String, String> options, PrintStream out) {
        AdminApiCall admin = AdminApiCall.from(options, "/admin/reconcile", out).orElse(null);
        if (admin == null) {
            return 2;
        }
        if (options.containsKey("run") || options.containsKey("resume")) {
            return runs(admin, options, out);
        }
        int limit;
        try {
            limit = Integer.parseInt(options.getOrDefault("limit", "100"));
        } catch (NumberFormatException e) {
            out.println("--limit is a number of customers a page (1 to 200)");
            return 2;
        }
        try {
            return new ReconcileCommand(admin, out).report(options.get("after"), limit);
        } catch (IOException e) {
            out.println("Could not reach " + admin.base() + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int runs(AdminApiCall admin, Map<String, String> options, PrintStream out) {
        String mode = options.get("run");
        if (mode != null && !mode.equals(ReconcileProperties.REPAIR) && !mode.equals(ReconcileProperties.REPORT)) {
            out.println("--run is repair or report");
            return 2;
        }
        try {
            Duration every = Duration.ofSeconds(Long.parseLong(options.getOrDefault("every", "2")));
            return new ReconcileRunCommand(admin, out, every).start(mode, options.get("resume"));
        } catch (NumberFormatException e) {
            out.println("--every is a number of seconds");
            return 2;
        } catch (IOException e) {
            out.println("Could not reach " + admin.base() + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int report(String after, int limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        StringBuilder examples = new StringBuilder();
        boolean more = true;
        while (more) {
            HttpResponse<String> r = post(after, limit);
            if (r.statusCode() != 200) {
                out.println("Reconcile refused (HTTP " + r.statusCode() + "): " + r.body());
                out.println(summary(start, false, after));
                return 1;
            }
            JsonNode page = JSON.readTree(r.body());
            if (page.path("skipped").isTextual()) {
                out.println("Drift report skipped: " + page.get("skipped").asText()
                        + " (no CIRCLE_API_TOKEN and no KIT_API_KEY: nothing was applied at the vendors to compare).");
                return 0;
            }
            customers += page.path("customers").asLong();
            for (Iterator<Map.Entry<String, JsonNode>> it = page.path("counts").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                counts.merge(e.getKey(), e.getValue().asLong(), Long::sum);
            }
            for (JsonNode example : page.path("examples")) {
                examples.append(String.format("  %-40s %-16s %s%s%n", example.path("customerId").asText(),
                        example.path("kind").asText(), example.path("ids"),
                        example.path("detail").isTextual() ? " " + example.get("detail").asText() : ""));
            }
            after = page.path("nextAfterCustomerId").isTextual() ? page.get("nextAfterCustomerId").asText() : after;
            more = page.path("hasMore").asBoolean(false);
            out.printf("[reconcile] %d customers, %.1f/s, %s%s%n", customers, customers / seconds(start), counts(),
                    after == null ? "" : " (resume: --after " + after + ")");
            if (customers == 0 && !more) {
                out.println("circle " + page.path("circle").asText() + ", kit " + page.path("kit").asText());
            }
        }
        out.println(summary(start, true, after));
        if (examples.length() > 0) {
            out.print("Drifted (examples, up to 20 a page):\n" + examples);
        }
        return drifted() > 0 ? 3 : 0;
    }

    private HttpResponse<String> post(String after, int limit) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("limit", limit);
        if (after != null) {
            body.put("afterCustomerId", after);
        }
        return admin.post("/admin/reconcile", body.toString(), Duration.ofMinutes(10));
    }

    private long drifted() {
        return counts.entrySet().stream().filter(e -> !e.getKey().equals(CustomerDrift.OK))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private String counts() {
        StringBuilder s = new StringBuilder();
        counts.forEach((kind, n) -> s.append(s.length() == 0 ? "" : ", ").append(kind).append(' ').append(n));
        return s.toString();
    }

    private String summary(long start, boolean complete, String after) {
        return String.format("%s: %d customers in %.0f s (%.1f/s): %s.%s", complete ? "Drift report done"
                        : "Drift report stopped", customers, seconds(start), customers / seconds(start), counts(),
                complete ? (drifted() > 0 ? " Report only: repair by hand (see README, Drift report)." : "")
                        : " Resume with --after " + after + ".");
    }

    private static double seconds(long start) {
        return Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    }
}
