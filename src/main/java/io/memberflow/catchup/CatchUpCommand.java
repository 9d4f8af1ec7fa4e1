package io.memberflow.catchup;

import io.memberflow.admin.AdminApiCall;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code java -jar memberflow.jar catch-up [--since 2026-11-20T00:00:00Z] [--url http://127.0.0.1:8080]
 * [--admin-token …]}: asks a running memberflow ({@code POST /admin/catch-up}) to record every Stripe event it
 * missed and prints the counts. The token comes from {@code --admin-token} or ADMIN_TOKEN.
 */
public final class CatchUpCommand {
    private CatchUpCommand() {
    }

    public static int run(Map<String, String> options, PrintStream out) {
        AdminApiCall admin = AdminApiCall.from(options, "/admin/catch-up", out).orElse(null);
        if (admin == null) {
            return 2;
        }
        String since = options.get("since");
        if (since != null) {
            try {
                Instant.parse(since);
            } catch (RuntimeException e) {
                out.println("--since must be an ISO-8601 instant, e.g. 2026-11-20T00:00:00Z");
                return 2;
            }
        }
        String body = since == null ? "{}" : "{\"since\":\"" + since + "\"}";
        return admin.exitCode(() -> {
            HttpResponse<String> r = admin.post("/admin/catch-up", body, Duration.ofMinutes(10));
            out.println(r.statusCode() == 200 ? "Catch-up done: " + r.body()
                    : r.statusCode() == 202 ? "Catch-up still running (see the workflow in Temporal): " + r.body()
                    : "Catch-up refused (HTTP " + r.statusCode() + "): " + r.body());
            return r.statusCode() == 200 || r.statusCode() == 202 ? 0 : 1;
        }, out);
    }
}
