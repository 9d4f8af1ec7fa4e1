package io.memberflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * Kit API v4 stand-in under {@code /v4}: upsert a subscriber, find subscribers by e-mail, tag by e-mail, untag by
 * subscriber id, list a subscriber's tags and a tag's subscribers (cursor paging), with {@code X-Kit-Api-Key} checked. With
 * {@code ratePerMinute} > 0 (or {@link #rateLimit}) the key gets that many requests per rolling 60 s; past it Kit's
 * answer is 429 with the plain-text body {@code Retry later} and no Retry-After header. Every subscriber is active.
 */
final class KitStandIn extends StandIn {
    static final String BASE = "/v4/";
    /** Kit's published limit for an API key: 120 requests per rolling 60 s. */
    static final int PUBLISHED_LIMIT = 120;
    static final Duration PUBLISHED_WINDOW = Duration.ofSeconds(60);
    static final String LIST_SUBSCRIBERS = "GET tag subscribers";
    private static final Pattern TAG = Pattern.compile("tags/(\\d+)/subscribers");
    private static final Pattern SUBSCRIBER_TAGS = Pattern.compile("subscribers/(\\d+)/tags");
    private static final Pattern UNTAG = Pattern.compile("tags/(\\d+)/subscribers/(\\d+)");

    private final String apiKey;
    private final Map<String, Long> subscribers = new ConcurrentHashMap<>();
    private final Map<Long, String> emails = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> tags = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong(70_000);

    KitStandIn(String apiKey, Duration latency, int ratePerMinute, int port) throws IOException {
        super(latency, port);
        this.apiKey = apiKey;
        rateLimit(ratePerMinute, Duration.ofSeconds(60));
    }

    String baseUrl() {
        return origin() + BASE;
    }

    /** Turns on Kit's published rate limit; {@link #rateLimit} sets any other. */
    void enforcePublishedRateLimit() {
        rateLimit(PUBLISHED_LIMIT, PUBLISHED_WINDOW);
    }

    /** Upserts the subscriber and adds {@code tagIds}, without HTTP; returns its id. */
    long seedSubscriber(String email, Set<Long> tagIds) {
        long id = subscriberId(email, new boolean[1]);
        tagIds.forEach(t -> tags.computeIfAbsent(t, k -> ConcurrentHashMap.newKeySet()).add(id));
        return id;
    }

    /** Removes the tag from the e-mail's subscriber without HTTP; true if it had it. */
    boolean removeTag(String email, long tagId) {
        Long id = subscribers.get(email);
        return id != null && tags.getOrDefault(tagId, Set.of()).remove(id);
    }

    /** The tags this e-mail has now, sorted. */
    Set<Long> tagsOf(String email) {
        Long id = subscribers.get(email);
        Set<Long> of = new TreeSet<>();
        tags.forEach((tag, tagged) -> {
            if (id != null && tagged.contains(id)) {
                of.add(tag);
            }
        });
        return of;
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
        if (overLimit()) {
            return new Reply(429, "text/plain", "Retry later", RATE_LIMITED);
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
            long id = subscriberId(email, created);
            return Reply.json(created[0] ? 201 : 200, "{\"subscriber\":" + subscriber(id, email) + "}", "POST upsert subscriber");
        }
        if (path.equals("subscribers") && r.method().equals("GET")) {
            String email = r.query().get("email_address");
            Long id = email == null ? null : subscribers.get(email);
            return Reply.json(200, "{\"subscribers\":[" + (id == null ? "" : subscriber(id, email))
                    + "],\"pagination\":{\"has_previous_page\":false,\"has_next_page\":false,\"start_cursor\":null,"
                    + "\"end_cursor\":null,\"per_page\":500}}", "GET find subscribers");
        }
        Matcher own = SUBSCRIBER_TAGS.matcher(path);
        if (own.matches() && r.method().equals("GET")) {
            return subscriberTags(Long.parseLong(own.group(1)));
        }
        Matcher tag = TAG.matcher(path);
        if (tag.matches() && r.method().equals("GET")) {
            return list(Long.parseLong(tag.group(1)), r.query());
        }
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

    /** All of a subscriber's tags on one page (a subscriber has few). */
    private Reply subscriberTags(long subscriberId) {
        if (!emails.containsKey(subscriberId)) {
            return notFound("GET subscriber tags");
        }
        String list = tags.entrySet().stream().filter(t -> t.getValue().contains(subscriberId)).map(Map.Entry::getKey)
                .sorted().map(t -> "{\"id\":" + t + ",\"name\":\"Tag " + t + "\",\"tagged_at\":\"2026-01-01T00:00:00Z\"}")
                .collect(java.util.stream.Collectors.joining(","));
        return Reply.json(200, "{\"tags\":[" + list + "],\"pagination\":{\"has_previous_page\":false,"
                + "\"has_next_page\":false,\"start_cursor\":null,\"end_cursor\":null,\"per_page\":1000}}", "GET subscriber tags");
    }

    /** The subscriber's id, a fresh one (and {@code created[0]} set) when the e-mail is new. */
    private long subscriberId(String email, boolean[] created) {
        return subscribers.computeIfAbsent(email, e -> {
            long fresh = ids.incrementAndGet();
            emails.put(fresh, e); // before the id is visible to a tag request
            created[0] = true;
            return fresh;
        });
    }

    /**
     * One page of the tag's subscribers in id order. The cursor is the base64 of the last id on a page (Kit's
     * cursors are opaque too); {@code status} other than all or active finds nobody, everyone being active.
     */
    private Reply list(long tag, Map<String, String> query) {
        int perPage = Math.max(1, Math.min(1000, intParam(query, "per_page", 500)));
        String after = query.get("after");
        long afterId;
        try {
            afterId = after == null || after.isEmpty() ? 0
                    : Long.parseLong(new String(Base64.getUrlDecoder().decode(after), US_ASCII));
        } catch (IllegalArgumentException e) {
            return Reply.json(400, "{\"errors\":[\"Invalid cursor\"]}", LIST_SUBSCRIBERS);
        }
        String status = query.getOrDefault("status", "active");
        List<Long> ids = !status.equals("all") && !status.equals("active") ? List.of()
                : tags.getOrDefault(tag, Set.of()).stream().filter(id -> id > afterId).sorted().limit(perPage + 1L).toList();
        List<Long> page = ids.subList(0, Math.min(perPage, ids.size()));
        StringBuilder json = new StringBuilder("{\"subscribers\":[");
        for (int i = 0; i < page.size(); i++) {
            long id = page.get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"first_name\":null,\"email_address\":")
                    .append(quote(emails.get(id))).append(",\"state\":\"active\",\"created_at\":\"2026-01-01T00:00:00Z\","
                            + "\"tagged_at\":\"2026-01-01T00:00:00Z\"}");
        }
        json.append("],\"pagination\":{\"has_previous_page\":").append(afterId > 0)
                .append(",\"has_next_page\":").append(ids.size() > perPage)
                .append(",\"start_cursor\":").append(page.isEmpty() ? "null" : quote(cursor(page.get(0))))
                .append(",\"end_cursor\":").append(page.isEmpty() ? "null" : quote(cursor(page.get(page.size() - 1))))
                .append(",\"per_page\":").append(perPage).append("}}");
        return Reply.json(200, json.toString(), LIST_SUBSCRIBERS);
    }

    private static String cursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(US_ASCII));
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
