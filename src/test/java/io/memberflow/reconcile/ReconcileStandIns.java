package io.memberflow.reconcile;

import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Circle and Kit as far as the drift report reads them, on two MockWebServers: who is in which access group, which
 * subscriber holds which tags. Tests change that state "by hand" and read back which addresses each vendor was asked
 * about. Anything else answers 404.
 */
final class ReconcileStandIns implements AutoCloseable {
    private static final Pattern MEMBERSHIP = Pattern.compile("/access_groups/(\\d+)/community_member");
    private static final Pattern TAGS = Pattern.compile("/subscribers/(\\d+)/tags");
    private static final Pattern TAG_SUBSCRIBERS = Pattern.compile("/tags/(\\d+)/subscribers$");

    final MockWebServer circle = new MockWebServer();
    final MockWebServer kit = new MockWebServer();
    /** Access group id → e-mail addresses in it. */
    final Map<Long, Set<String>> groups = new ConcurrentHashMap<>();
    /** E-mail address → Kit subscriber id. */
    final Map<String, Long> subscribers = new ConcurrentHashMap<>();
    /** Kit subscriber id → tag ids. */
    final Map<Long, Set<Long>> tags = new ConcurrentHashMap<>();
    /** Addresses Circle was asked about, one entry a membership check. */
    final List<String> circleChecks = new CopyOnWriteArrayList<>();
    /** Kit subscriber state by address (active when absent), e.g. cancelled after an unsubscribe. */
    final Map<String, String> states = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger circleLists = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger kitLists = new java.util.concurrent.atomic.AtomicInteger();
    /** The next group listing is answered 429 with Retry-After: 1. */
    final java.util.concurrent.atomic.AtomicBoolean circleRateLimitedOnce = new java.util.concurrent.atomic.AtomicBoolean();
    /** False: group listings carry community_member_id only (Circle's docs do not promise the address). */
    volatile boolean circleListsEmails = true;

    ReconcileStandIns() {
        circle.setDispatcher(dispatcher(this::circle));
        kit.setDispatcher(dispatcher(this::kit));
        try {
            circle.start();
            kit.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String circleUrl() {
        return circle.url("/api/admin/v2").toString();
    }

    String kitUrl() {
        return kit.url("/v4").toString();
    }

    /**
     * memberflow's settings for tests against these stand-ins: admin token, Circle and Kit credentials, plan "pro"
     * (price {@code price}, Circle group 101, Kit tag 9001), unthrottled reconciliation pace, plus {@code more}.
     */
    java.util.Map<String, String> properties(String adminToken, String price, java.util.Map<String, String> more) {
        java.util.Map<String, String> p = new java.util.HashMap<>(java.util.Map.of("memberflow.admin.token", adminToken,
                "memberflow.circle.api-token", "circle-token", "memberflow.circle.api-url", circleUrl(),
                "memberflow.kit.api-key", "kit-key", "memberflow.kit.api-url", kitUrl(),
                "memberflow.plans.pro.stripe-price-ids", price,
                "memberflow.plans.pro.circle-access-group-ids", "101",
                "memberflow.plans.pro.kit-tag-ids", "9001",
                "memberflow.reconcile.circle-per-second", "500",
                "memberflow.reconcile.kit-per-second", "500"));
        p.putAll(more);
        return p;
    }

    void member(long group, String email) {
        groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(email);
    }

    void subscriber(long id, String email, Long... tagIds) {
        subscribers.put(email, id);
        tags.computeIfAbsent(id, s -> ConcurrentHashMap.newKeySet()).addAll(List.of(tagIds));
    }

    private MockResponse circle(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        Matcher m = MEMBERSHIP.matcher(url.encodedPath());
        if (!"GET".equals(request.getMethod()) || !m.find() || !"Bearer circle-token".equals(request.getHeader("Authorization"))) {
            return json(404, "{\"success\":false,\"message\":\"Missing record: route\"}");
        }
        if (url.encodedPath().endsWith("/community_members")) {
            if (circleRateLimitedOnce.getAndSet(false)) {
                return json(429, "{\"success\":false,\"message\":\"Too many requests\"}").setHeader("Retry-After", "1");
            }
            circleLists.incrementAndGet();
            return circlePage(Long.parseLong(m.group(1)), Integer.parseInt(url.queryParameter("page")),
                    Integer.parseInt(url.queryParameter("per_page")));
        }
        String email = url.queryParameter("email");
        circleChecks.add(email);
        boolean member = groups.getOrDefault(Long.parseLong(m.group(1)), Set.of()).contains(email);
        return member ? json(200, "{\"id\":1,\"community_member_id\":7,\"access_group_id\":" + m.group(1) + "}")
                : json(404, "{\"success\":false,\"message\":\"Missing record: community member\"}");
    }

    private MockResponse kit(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        if (!"GET".equals(request.getMethod()) || !"kit-key".equals(request.getHeader("X-Kit-Api-Key"))) {
            return json(404, "{\"errors\":[\"Not Found\"]}");
        }
        Matcher listed = TAG_SUBSCRIBERS.matcher(url.encodedPath());
        if (listed.find()) {
            kitLists.incrementAndGet();
            return kitPage(Long.parseLong(listed.group(1)), url.queryParameter("after"),
                    Integer.parseInt(url.queryParameter("per_page")));
        }
        Matcher m = TAGS.matcher(url.encodedPath());
        if (m.find()) {
            Set<Long> held = tags.get(Long.parseLong(m.group(1)));
            if (held == null) {
                return json(404, "{\"errors\":[\"Not Found\"]}");
            }
            String list = held.stream().map(t -> "{\"id\":" + t + ",\"name\":\"tag " + t + "\",\"tagged_at\":\"2026-11-01T00:00:00Z\"}")
                    .collect(Collectors.joining(","));
            return json(200, "{\"tags\":[" + list + "],\"pagination\":{\"has_previous_page\":false,\"has_next_page\":false,"
                    + "\"start_cursor\":null,\"end_cursor\":null,\"per_page\":1000}}");
        }
        if (url.encodedPath().endsWith("/subscribers")) {
            String email = url.queryParameter("email_address");
            Long id = subscribers.get(email);
            String list = id == null ? "" : "{\"id\":" + id + ",\"first_name\":null,\"email_address\":\"" + email
                    + "\",\"state\":\"active\",\"created_at\":\"2026-11-01T00:00:00Z\",\"fields\":{}}";
            return json(200, "{\"subscribers\":[" + list + "],\"pagination\":{\"has_next_page\":false}}");
        }
        return json(404, "{\"errors\":[\"Not Found\"]}");
    }

    /** One page of a group's members, sorted by address, with Circle's paging fields. */
    private MockResponse circlePage(long group, int page, int perPage) {
        List<String> all = groups.getOrDefault(group, Set.of()).stream().sorted().toList();
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        String records = all.subList(from, to).stream()
                .map(e -> "{\"id\":" + Math.abs(e.hashCode()) + ",\"community_member_id\":" + memberId(e)
                        + ",\"access_group_id\":" + group + (circleListsEmails ? ",\"email\":\"" + e + "\"" : "") + "}")
                .collect(Collectors.joining(","));
        return json(200, "{\"page\":" + page + ",\"per_page\":" + perPage + ",\"has_next_page\":" + (to < all.size())
                + ",\"count\":" + all.size() + ",\"records\":[" + records + "]}");
    }

    static long memberId(String email) {
        return 70_000L + Math.abs(email.hashCode() % 100_000);
    }

    /** One page of a tag's subscribers; the cursor is the offset. */
    private MockResponse kitPage(long tag, String after, int perPage) {
        List<Map.Entry<String, Long>> holders = subscribers.entrySet().stream()
                .filter(e -> tags.getOrDefault(e.getValue(), Set.of()).contains(tag))
                .sorted(Map.Entry.comparingByKey()).toList();
        int from = after == null ? 0 : Integer.parseInt(after);
        int to = Math.min(holders.size(), from + perPage);
        String list = holders.subList(from, to).stream()
                .map(e -> "{\"id\":" + e.getValue() + ",\"first_name\":null,\"email_address\":\"" + e.getKey()
                        + "\",\"state\":\"" + states.getOrDefault(e.getKey(), "active") + "\",\"created_at\":\"2026-11-01T00:00:00Z\","
                        + "\"tagged_at\":\"2026-11-01T00:00:00Z\",\"fields\":{}}")
                .collect(Collectors.joining(","));
        boolean more = to < holders.size();
        return json(200, "{\"subscribers\":[" + list + "],\"pagination\":{\"has_previous_page\":" + (from > 0)
                + ",\"has_next_page\":" + more + ",\"start_cursor\":null,\"end_cursor\":" + (more ? "\"" + to + "\"" : "null")
                + ",\"per_page\":" + perPage + "}}");
    }

    private static Dispatcher dispatcher(java.util.function.Function<RecordedRequest, MockResponse> answer) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer.apply(request);
            }
        };
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void close() throws IOException {
        circle.shutdown();
        kit.shutdown();
    }
}
