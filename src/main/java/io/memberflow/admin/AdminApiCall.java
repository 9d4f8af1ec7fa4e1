package io.memberflow.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the command-line tools ({@code catch-up}, {@code backfill}, {@code reconcile}) call a running memberflow's
 * admin API: {@code --url} (default {@code http://127.0.0.1:8080}) and the admin token from {@code --admin-token}
 * or {@code ADMIN_TOKEN}, sent as a bearer token, never printed.
 */
public final class AdminApiCall {
    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminApiCall(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The call settings, or empty after telling the user that {@code path} needs the admin token. */
    public static Optional<AdminApiCall> from(Map<String, String> options, String path, PrintStream out) {
        String base = options.getOrDefault("url", "http://127.0.0.1:8080").replaceAll("/+$", "");
        String token = options.getOrDefault("admin-token", System.getenv("ADMIN_TOKEN"));
        if (token == null || token.isBlank()) {
            out.println("Set ADMIN_TOKEN (or --admin-token): " + path + " needs it.");
            return Optional.empty();
        }
        return Optional.of(new AdminApiCall(base, token));
    }

    public String base() {
        return base;
    }

    /** What a command does with the admin API, ending in its exit code. */
    @FunctionalInterface
    public interface Conversation {
        int run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code conversation} and returns its exit code; a service that cannot be reached is exit code 1, told to
     * the user with the address (never the token).
     */
    public int exitCode(Conversation conversation, PrintStream out) {
        try {
            return conversation.run();
        } catch (IOException e) {
            out.println("Could not reach " + base + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** POSTs a JSON body to {@code path} and returns the answer, whatever its status. */
    public HttpResponse<String> post(String path, String json, Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} and returns the answer, whatever its status. */
    public HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
