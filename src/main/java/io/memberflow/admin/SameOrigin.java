package io.memberflow.admin;

import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a browser request was sent by a page of this site: {@code Sec-Fetch-Site} (when the browser sends it)
 * must be same-origin or none, and {@code Origin} (when present) must name the host the request was sent to
 * ({@code X-Forwarded-Host} behind a proxy, else {@code Host}). An opaque {@code Origin: null} passes only with
 * {@code Sec-Fetch-Site: same-origin}.
 */
final class SameOrigin {
    private SameOrigin() {
    }

    static boolean check(HttpRequest<?> request) {
        String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return false;
        }
        String origin = request.getHeaders().get("Origin");
        if (origin == null) {
            return true;
        }
        if (origin.trim().equals("null")) {
            // Sent for privacy reasons (e.g. a no-referrer policy): only the browser's own Sec-Fetch-Site can vouch.
            return "same-origin".equals(fetchSite);
        }
        String host = request.getHeaders().get("X-Forwarded-Host");
        if (host == null) {
            host = request.getHeaders().get("Host");
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null || host == null) {
                return false;
            }
            String originHost = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            return originHost.toLowerCase(Locale.ROOT).equals(host.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when the browser reached us over HTTPS, directly or through a proxy that says so. */
    static boolean https(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
