package io.memberflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Circle Admin API v2 stand-in under {@code /api/admin/v2}: the calls memberflow makes (search a member by
 * e-mail, create a member, add and remove an access group member), with the bearer token checked. It counts
 * member creations per e-mail and grants per (e-mail, group) that reached it, so repeated creates and grants
 * show as duplicates, and keeps the arrival time of each e-mail's first successful grant. With
 * {@code failShare} > 0 that share of calls is answered 503 before anything else happens.
 */
final class CircleStandIn extends StandIn {
    static final String BASE = "/api/admin/v2/";
    private static final Pattern GROUP_MEMBERS = Pattern.compile("access_groups/(\\d+)/community_members");

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

    /** Epoch ms of the first successful grant of any access group to this e-mail, or null. */
    Long firstGrantMillis(String email) {
        return firstGrantMillis.get(email);
    }

    int granted() {
        return firstGrantMillis.size();
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
        Matcher m = GROUP_MEMBERS.matcher(path);
        if (m.matches()) {
            long group = Long.parseLong(m.group(1));
            return r.method().equals("DELETE") ? revoke(group, r.query().get("email")) : grant(group, r);
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
