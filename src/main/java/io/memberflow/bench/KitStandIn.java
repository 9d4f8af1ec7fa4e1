package io.memberflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kit API v4 stand-in under {@code /v4}: upsert a subscriber, find subscribers by e-mail, tag by e-mail and
 * untag by subscriber id, with {@code X-Kit-Api-Key} checked. With {@code ratePerMinute} > 0 each key gets that
 * many requests per fixed 60 s window; past it Kit's answer is 429 with the plain-text body {@code Retry later}
 * and no Retry-After header.
 */
final class KitStandIn extends StandIn {
    static final String BASE = "/v4/";
    private static final Pattern TAG = Pattern.compile("tags/(\\d+)/subscribers");
    private static final Pattern UNTAG = Pattern.compile("tags/(\\d+)/subscribers/(\\d+)");

    private final String apiKey;
    private final int ratePerMinute;
    private final Map<String, Long> subscribers = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> tags = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong(70_000);
    private long windowStart;
    private int windowCount;

    KitStandIn(String apiKey, Duration latency, int ratePerMinute, int port) throws IOException {
        super(latency, port);
        this.apiKey = apiKey;
        this.ratePerMinute = ratePerMinute;
    }

    String baseUrl() {
        return origin() + BASE;
    }

    boolean tagged(long tagId, String email) {
        Long id = subscribers.get(email);
        return id != null && tags.getOrDefault(tagId, Set.of()).contains(id);
    }

    @Override
    protected Reply handle(Request r) {
        if (!apiKey.equals(r.header("X-Kit-Api-Key"))) {
            return Reply.json(401, "{\"errors\":[\"The access token is invalid\"]}", "401");
        }
        if (overLimit(r.atMillis())) {
            return new Reply(429, "text/plain", "Retry later", "429 rate limited");
        }
        if (!r.path().startsWith(BASE)) {
            return notFound("unknown");
        }
        String path = r.path().substring(BASE.length());
        if (path.equals("subscribers") && r.method().equals("POST")) {
            String email = body(r).path("email_address").asText("");
            if (!email.contains("@")) {
                return Reply.json(422, "{\"errors\":[\"Email address is invalid\"]}", "POST upsert subscriber");
            }
            boolean[] created = {false};
            long id = subscribers.computeIfAbsent(email, e -> {
                created[0] = true;
                return ids.incrementAndGet();
            });
            return Reply.json(created[0] ? 201 : 200, "{\"subscriber\":" + subscriber(id, email) + "}", "POST upsert subscriber");
        }
        if (path.equals("subscribers") && r.method().equals("GET")) {
            String email = r.query().get("email_address");
            Long id = email == null ? null : subscribers.get(email);
            return Reply.json(200, "{\"subscribers\":[" + (id == null ? "" : subscriber(id, email))
                    + "],\"pagination\":{\"has_previous_page\":false,\"has_next_page\":false,\"start_cursor\":null,"
                    + "\"end_cursor\":null,\"per_page\":500}}", "GET find subscribers");
        }
        Matcher tag = TAG.matcher(path);
        if (tag.matches() && r.method().equals("POST")) {
            String email = body(r).path("email_address").asText("");
            Long id = subscribers.get(email);
            if (id == null) {
                return notFound("POST tag");
            }
            boolean added = tags.computeIfAbsent(Long.parseLong(tag.group(1)), t -> ConcurrentHashMap.newKeySet()).add(id);
            return Reply.json(added ? 201 : 200, "{\"subscriber\":" + subscriber(id, email) + "}", "POST tag");
        }
        Matcher untag = UNTAG.matcher(path);
        if (untag.matches() && r.method().equals("DELETE")) {
            boolean removed = tags.getOrDefault(Long.parseLong(untag.group(1)), Set.of())
                    .remove(Long.parseLong(untag.group(2)));
            return removed ? new Reply(204, null, null, "DELETE untag") : notFound("DELETE untag");
        }
        return notFound("unknown");
    }

    private synchronized boolean overLimit(long now) {
        if (ratePerMinute <= 0) {
            return false;
        }
        if (now - windowStart >= 60_000) {
            windowStart = now;
            windowCount = 0;
        }
        return ++windowCount > ratePerMinute;
    }

    private static String subscriber(long id, String email) {
        return "{\"id\":" + id + ",\"first_name\":null,\"email_address\":" + quote(email)
                + ",\"state\":\"active\",\"created_at\":\"2026-01-01T00:00:00Z\",\"fields\":{}}";
    }

    private static Reply notFound(String kind) {
        return Reply.json(404, "{\"errors\":[\"Not Found\"]}", kind);
    }

    private static JsonNode body(Request r) {
        try {
            return StripeObjects.MAPPER.readTree(r.body());
        } catch (IOException e) {
            return StripeObjects.MAPPER.createObjectNode();
        }
    }
}
