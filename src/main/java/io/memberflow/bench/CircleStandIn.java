package io.memberflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Circle Admin API v2 stand-in under {@code /api/admin/v2}: the calls memberflow makes (search a member by
 * e-mail, create a member, add, remove, check and list access group members), with the bearer token checked. It counts
 * member creations per e-mail and grants per (e-mail, group) that reached it, so repeated creates and grants
 * show as duplicates, and keeps the arrival time of each e-mail's first successful grant. With
 * {@code failShare} > 0 that share of calls is answered 503 before anything else happens. A rate limit, when set
 * ({@link #enforcePublishedRateLimit()}), counts every request as Circle counts per IP, the unauthenticated too.
 */
final class CircleStandIn extends StandIn {
    static final String BASE = "/api/admin/v2/";
    /** Circle's published limit: 2,000 requests per rolling 5 minutes (per IP). */
    static final int PUBLISHED_LIMIT = 2_000;
    static final Duration PUBLISHED_WINDOW = Duration.ofMinutes(5);
    static final String LIST_MEMBERS = "GET group members";
    private static final Pattern GROUP_MEMBERS = Pattern.compile("access_groups/(\\d+)/community_members");
    private static final Pattern GROUP_MEMBER = Pattern.compile("access_groups/(\\d+)/community_member");

    private final String token;
    private final double failShare;
    private final Map<String, Long> members = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> groups = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> grants = new ConcurrentHashMap<>();
    private final Map<String, Long> firstGrantMillis = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(50_000);

    CircleStandIn(String token, Duration latency, double failShare, int port) throws IOException {
        super(latency, port);
        this.token = token;
        this.failShare = failShare;
    }

    String baseUrl() {
        return origin() + BASE;
    }

    /** Turns on Circle's published rate limit; {@link #rateLimit} sets any other. */
    void enforcePublishedRateLimit() {
        rateLimit(PUBLISHED_LIMIT, PUBLISHED_WINDOW);
    }

    /**
     * Creates the member unless one has this e-mail and adds it to {@code groupIds}, without HTTP and without
     * counting creations or grants.
     *
     * @return the member's id
     */
    long seedMember(String email, Set<Long> groupIds) {
        long id = members.computeIfAbsent(email, e -> ids.incrementAndGet());
        groupIds.forEach(g -> groups.computeIfAbsent(g, k -> ConcurrentHashMap.newKeySet()).add(email));
        return id;
    }

    /** Takes the e-mail out of the group without HTTP, as someone in Circle's admin would; true if it was in. */
    boolean removeFromGroup(String email, long group) {
        return groups.getOrDefault(group, Set.of()).remove(email);
    }

    /** The access groups this e-mail is in now, sorted. */
    Set<Long> groupsOf(String email) {
        Set<Long> of = new TreeSet<>();
        groups.forEach((group, emails) -> {
            if (emails.contains(email)) {
                of.add(group);
            }
        });
        return of;
    }

    /** Epoch ms of the first successful grant of any access group to this e-mail, or null. */
    Long firstGrantMillis(String email) {
        return firstGrantMillis.get(email);
    }

    int granted() {
        return firstGrantMillis.size();
    }

    @Override
    void resetCounts() {
        super.resetCounts();
        creations.clear();
        grants.clear();
        firstGrantMillis.clear();
    }

    /** Member creations beyond the first per e-mail. */
    long duplicateCreations() {
        return creations.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
    }

    /** Grant requests beyond the first per (e-mail, group). */
    long duplicateGrants() {
        return grants.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
    }

    long emailsCreatedMoreThanOnce() {
        return creations.values().stream().filter(c -> c.get() > 1).count();
    }

    @Override
    protected Reply handle(Request r) {
        if (overLimit()) {
            return Reply.json(429, "{\"success\":false,\"message\":\"Too many requests\"}", RATE_LIMITED);
        }
        if (!("Bearer " + token).equals(r.header("Authorization"))) {
            return error(401, "Your account could not be authenticated.", "401");
        }
        if (failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare) {
            return error(503, "Service Unavailable", "503 injected");
        }
        if (!r.path().startsWith(BASE)) {
            return error(404, "Missing record: route", "unknown");
        }
        String path = r.path().substring(BASE.length());
        if (path.equals("community_members/search") && r.method().equals("GET")) {
            String email = r.query().get("email");
            Long id = email == null ? null : members.get(email);
            return id == null ? error(404, "Missing record: community member", "GET search member")
                    : Reply.json(200, member(id, email), "GET search member");
        }
        if (path.equals("community_members") && r.method().equals("POST")) {
            String email = body(r).path("email").asText("");
            if (!email.contains("@")) {
                return error(422, "Email is invalid", "POST create member");
            }
            creations.computeIfAbsent(email, e -> new AtomicInteger()).incrementAndGet();
            Long fresh = ids.incrementAndGet();
            if (members.putIfAbsent(email, fresh) != null) {
                return error(422, "Email has already been taken", "POST create member");
            }
            return Reply.json(201, "{\"message\":\"This user has been invited to the community.\",\"community_member\":"
                    + member(fresh, email) + "}", "POST create member");
        }
        Matcher one = GROUP_MEMBER.matcher(path);
        if (one.matches() && r.method().equals("GET")) {
            String email = r.query().get("email");
            boolean in = email != null && groups.getOrDefault(Long.parseLong(one.group(1)), Set.of()).contains(email);
            return in ? Reply.json(200, member(members.get(email), email), "GET check member")
                    : error(404, "Missing record: access group member", "GET check member");
        }
        Matcher m = GROUP_MEMBERS.matcher(path);
        if (m.matches()) {
            long group = Long.parseLong(m.group(1));
            return switch (r.method()) {
                case "DELETE" -> revoke(group, r.query().get("email"));
                case "POST" -> grant(group, r);
                case "GET" -> list(group, r.query());
                default -> error(404, "Missing record: route", "unknown");
            };
        }
        return error(404, "Missing record: route", "unknown");
    }

    private Reply grant(long group, Request r) {
        String email = body(r).path("email").asText("");
        grants.computeIfAbsent(email + "\u0000" + group, k -> new AtomicInteger()).incrementAndGet();
        if (!members.containsKey(email)) {
            return error(404, "Missing record: community member", "POST grant");
        }
        boolean added = groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(email);
        if (!added) {
            return error(422, "Member is already in this access group", "POST grant");
        }
        firstGrantMillis.putIfAbsent(email, r.atMillis());
        return Reply.json(201, "{\"success\":true,\"message\":\"Member added to access group\"}", "POST grant");
    }

    private Reply revoke(long group, String email) {
        Set<String> in = groups.getOrDefault(group, Set.of());
        return email != null && in.remove(email) ? Reply.json(200, "{\"success\":true}", "DELETE revoke")
                : error(404, "Missing record: access group member", "DELETE revoke");
    }

    /** One page of the group's members in id order; Circle's defaults: page 1, 10 per page, at most 100. */
    private Reply list(long group, Map<String, String> query) {
        int perPage = Math.max(1, Math.min(100, intParam(query, "per_page", 10)));
        int page = Math.max(1, intParam(query, "page", 1));
        List<Map.Entry<Long, String>> all = groups.getOrDefault(group, Set.of()).stream()
                .map(email -> Map.entry(members.get(email), email))
                .sorted(Map.Entry.comparingByKey())
                .toList();
        int from = (int) Math.min(all.size(), (long) (page - 1) * perPage);
        List<Map.Entry<Long, String>> records = all.subList(from, Math.min(all.size(), from + perPage));
        StringBuilder json = new StringBuilder("{\"page\":").append(page).append(",\"per_page\":").append(perPage)
                .append(",\"has_next_page\":").append(from + perPage < all.size())
                .append(",\"count\":").append(all.size())
                .append(",\"page_count\":").append((all.size() + perPage - 1) / perPage).append(",\"records\":[");
        for (int i = 0; i < records.size(); i++) {
            long id = records.get(i).getKey();
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(group * 1_000_000 + id)
                    .append(",\"community_member_id\":").append(id).append(",\"access_group_id\":").append(group)
                    .append(",\"email\":").append(quote(records.get(i).getValue()))
                    .append(",\"name\":\"Bench Customer\",\"created_at\":\"2026-01-01T00:00:00.000Z\"}");
        }
        return Reply.json(200, json.append("]}").toString(), LIST_MEMBERS);
    }

    private static String member(long id, String email) {
        return "{\"id\":" + id + ",\"email\":" + quote(email) + ",\"name\":\"Bench Customer\",\"active\":true}";
    }

    private static Reply error(int status, String message, String kind) {
        return Reply.json(status, "{\"success\":false,\"message\":" + quote(message) + ",\"error_details\":{}}", kind);
    }

    private static JsonNode body(Request r) {
        try {
            return StripeObjects.MAPPER.readTree(r.body());
        } catch (IOException e) {
            return StripeObjects.MAPPER.createObjectNode();
        }
    }
}
