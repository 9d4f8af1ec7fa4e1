package io.memberflow.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * Kit API v4 under {@code /v4}, as far as Kit documents it (KitStandInConformanceTest lists each fact and its source):
 * upsert a subscriber (201 new, 200 existing; the state is never changed by it), find subscribers by address (only
 * {@code active} ones unless {@code status} says otherwise), tag by address (201, or 200 when already tagged), untag
 * by subscriber id (204, 404 when not tagged), a subscriber's tags and a tag's subscribers (cursor paging: {@code after},
 * {@code per_page} 500 by default, at most 1,000; {@code active} only unless {@code status} says otherwise), with
 * {@code X-Kit-Api-Key} checked and errors as {@code {"errors":[…]}}. When switched on ({@link #enforcePublishedRateLimit()}),
 * each key gets 120 requests per rolling 60 s; past it Kit's answer is 429 with the plain-text body {@code Retry later}
 * and no Retry-After. Subscribers can be unsubscribed, bounced or complained "by hand" ({@link #state}). Tags exist
 * once declared ({@link #tag}); another tag id answers 404.
 */
public final class KitStandIn extends StandIn {
    public static final String BASE = "/v4/";
    /** Kit's published limit for an API key: 120 requests per rolling 60 s. */
    public static final int PUBLISHED_LIMIT = 120;
    public static final Duration PUBLISHED_WINDOW = Duration.ofSeconds(60);
    public static final String LIST_SUBSCRIBERS = "GET tag subscribers";
    private static final Pattern TAG = Pattern.compile("tags/(\\d+)/subscribers");
    private static final Pattern SUBSCRIBER_TAGS = Pattern.compile("subscribers/(\\d+)/tags");
    private static final Pattern UNTAG = Pattern.compile("tags/(\\d+)/subscribers/(\\d+)");

    private record Subscriber(long id, String email, String firstName, Instant createdAt) {
    }

    private final String apiKey;
    private final Map<String, Long> byEmail = new ConcurrentHashMap<>();
    private final Map<Long, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final Map<Long, String> states = new ConcurrentHashMap<>();
    private final Map<Long, Map<Long, Instant>> tags = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(70_000);

    /** @param ratePerMinute requests per rolling 60 s per key, 0 for no limit */
    public KitStandIn(String apiKey, Duration latency, int ratePerMinute, int port) throws IOException {
        super(latency, port);
        this.apiKey = apiKey;
        rateLimit(ratePerMinute, Duration.ofSeconds(60));
    }

    public String baseUrl() {
        return origin() + BASE;
    }

    /** Turns on Kit's published rate limit; {@link #rateLimit} sets any other. */
    public void enforcePublishedRateLimit() {
        rateLimit(PUBLISHED_LIMIT, PUBLISHED_WINDOW);
    }

    /** Declares tags, as an account owner creates them in Kit. */
    public KitStandIn tag(long... tagIds) {
        for (long t : tagIds) {
            tags.computeIfAbsent(t, k -> new ConcurrentHashMap<>());
        }
        return this;
    }

    /** Upserts the subscriber and adds {@code tagIds} (declared on the way), without HTTP; returns its id. */
    public long seedSubscriber(String email, Set<Long> tagIds) {
        long id = subscriber(email, null, new boolean[1]).id();
        tagIds.forEach(t -> tags.computeIfAbsent(t, k -> new ConcurrentHashMap<>()).putIfAbsent(id, Instant.now()));
        return id;
    }

    /** Sets a subscriber's state by hand: active, cancelled (unsubscribed), bounced, complained, inactive. */
    public void state(String email, String state) {
        Long id = byEmail.get(key(email));
        if (id != null) {
            states.put(id, state);
        }
    }

    /** Removes the tag from the address's subscriber without HTTP; true if it had it. */
    public boolean removeTag(String email, long tagId) {
        Long id = byEmail.get(key(email));
        return id != null && tags.getOrDefault(tagId, Map.of()).remove(id) != null;
    }

    /** The tags this address has now, sorted. */
    public Set<Long> tagsOf(String email) {
        Long id = byEmail.get(key(email));
        Set<Long> of = new TreeSet<>();
        tags.forEach((tag, tagged) -> {
            if (id != null && tagged.containsKey(id)) {
                of.add(tag);
            }
        });
        return of;
    }

    public boolean tagged(long tagId, String email) {
        Long id = byEmail.get(key(email));
        return id != null && tags.getOrDefault(tagId, Map.of()).containsKey(id);
    }

    @Override
    protected Reply handle(Request r) {
        String key = r.header("X-Kit-Api-Key");
        if (!apiKey.equals(key)) {
            return Reply.json(401, "{\"errors\":[\"The access token is invalid\"]}", "401");
        }
        if (overLimit(key)) {
            return new Reply(429, "text/plain", "Retry later", RATE_LIMITED);
        }
        if (!r.path().startsWith(BASE)) {
            return notFound("unknown");
        }
        String path = r.path().substring(BASE.length());
        if (path.equals("subscribers") && r.method().equals("POST")) {
            return upsert(r);
        }
        if (path.equals("subscribers") && r.method().equals("GET")) {
            return find(r.query());
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
            return addTag(Long.parseLong(tag.group(1)), r.json().path("email_address").asText(""));
        }
        Matcher untag = UNTAG.matcher(path);
        if (untag.matches() && r.method().equals("DELETE")) {
            Map<Long, Instant> tagged = tags.get(Long.parseLong(untag.group(1)));
            boolean removed = tagged != null && tagged.remove(Long.parseLong(untag.group(2))) != null;
            return removed ? new Reply(204, null, null, "DELETE untag") : notFound("DELETE untag");
        }
        return notFound("unknown");
    }

    private Reply upsert(Request r) {
        String email = r.json().path("email_address").asText("");
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return Reply.json(422, "{\"errors\":[\"Email address is invalid\"]}", "POST upsert subscriber");
        }
        boolean[] created = {false};
        Subscriber s = subscriber(email, r.json().path("first_name").asText(null), created);
        return Reply.json(created[0] ? 201 : 200, "{\"subscriber\":" + json(s) + "}", "POST upsert subscriber");
    }

    private Reply find(Map<String, String> query) {
        String email = query.get("email_address");
        Long id = email == null ? null : byEmail.get(key(email));
        ObjectNode body = object();
        ArrayNode list = body.putArray("subscribers");
        if (id != null && statusMatches(id, query)) {
            list.add(json(subscribers.get(id)));
        }
        body.set("pagination", pagination(false, false, null, null, 500));
        return Reply.json(200, body, "GET find subscribers");
    }

    private Reply addTag(long tagId, String email) {
        Map<Long, Instant> tagged = tags.get(tagId);
        Long id = byEmail.get(key(email));
        if (tagged == null || id == null) {
            return notFound("POST tag");
        }
        boolean added = tagged.putIfAbsent(id, Instant.now()) == null;
        return Reply.json(added ? 201 : 200, "{\"subscriber\":" + json(subscribers.get(id)) + "}", "POST tag");
    }

    /** All of a subscriber's tags on one page (a subscriber has few). */
    private Reply subscriberTags(long subscriberId) {
        if (!subscribers.containsKey(subscriberId)) {
            return notFound("GET subscriber tags");
        }
        ObjectNode body = object();
        ArrayNode list = body.putArray("tags");
        tags.entrySet().stream().filter(t -> t.getValue().containsKey(subscriberId)).map(Map.Entry::getKey).sorted()
                .forEach(t -> list.addObject().put("id", t).put("name", "Tag " + t)
                        .put("tagged_at", tags.get(t).get(subscriberId).toString()));
        body.set("pagination", pagination(false, false, null, null, 500));
        return Reply.json(200, body, "GET subscriber tags");
    }

    /**
     * One page of the tag's subscribers in id order. The cursor is opaque (here the base64 of the last id on a page);
     * {@code per_page} over 1,000 is refused with 422.
     */
    private Reply list(long tag, Map<String, String> query) {
        Map<Long, Instant> tagged = tags.get(tag);
        if (tagged == null) {
            return notFound(LIST_SUBSCRIBERS);
        }
        int perPage = intParam(query, "per_page", 500);
        if (perPage < 1 || perPage > 1000) {
            return Reply.json(422, "{\"errors\":[\"per_page must be between 1 and 1000\"]}", LIST_SUBSCRIBERS);
        }
        long afterId;
        try {
            String after = query.get("after");
            afterId = after == null || after.isEmpty() ? 0 : Long.parseLong(new String(Base64.getUrlDecoder().decode(after), US_ASCII));
        } catch (IllegalArgumentException e) {
            return Reply.json(400, "{\"errors\":[\"Invalid cursor\"]}", LIST_SUBSCRIBERS);
        }
        List<Long> ids = tagged.keySet().stream().filter(id -> id > afterId && statusMatches(id, query)).sorted()
                .limit(perPage + 1L).toList();
        List<Long> page = ids.subList(0, Math.min(perPage, ids.size()));
        ObjectNode body = object();
        ArrayNode list = body.putArray("subscribers");
        page.forEach(id -> list.add(json(subscribers.get(id)).put("tagged_at", tagged.get(id).toString())));
        body.set("pagination", pagination(afterId > 0, ids.size() > perPage, page.isEmpty() ? null : cursor(page.get(0)),
                page.isEmpty() ? null : cursor(page.get(page.size() - 1)), perPage));
        return Reply.json(200, body, LIST_SUBSCRIBERS);
    }

    /** Kit's status filter: {@code active} when absent, {@code all} for every state. */
    private boolean statusMatches(long id, Map<String, String> query) {
        String status = query.getOrDefault("status", "active");
        return status.equals("all") || status.equals(states.getOrDefault(id, "active"));
    }

    private Subscriber subscriber(String email, String firstName, boolean[] created) {
        long id = byEmail.computeIfAbsent(key(email), e -> {
            long fresh = ids.incrementAndGet();
            subscribers.put(fresh, new Subscriber(fresh, email.strip(), firstName, Instant.now()));
            created[0] = true;
            return fresh;
        });
        return subscribers.get(id);
    }

    private ObjectNode json(Subscriber s) {
        ObjectNode o = object();
        o.put("id", s.id()).put("first_name", s.firstName()).put("email_address", s.email())
                .put("state", states.getOrDefault(s.id(), "active")).put("created_at", s.createdAt().toString());
        o.putObject("fields");
        return o;
    }

    private static ObjectNode pagination(boolean previous, boolean next, String start, String end, int perPage) {
        ObjectNode p = object();
        p.put("has_previous_page", previous).put("has_next_page", next).put("start_cursor", start)
                .put("end_cursor", end).put("per_page", perPage);
        return p;
    }

    private static String cursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(id).getBytes(US_ASCII));
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Reply notFound(String kind) {
        return Reply.json(404, "{\"errors\":[\"Not Found\"]}", kind);
    }
}
