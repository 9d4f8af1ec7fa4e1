package io.memberflow.e2e.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stateful stand-ins for Circle (Admin API v2) and Kit (API v4) on one local port: members, access groups,
 * subscribers and tags are kept as sets, so a repeated call shows as a repeated request but never as a
 * duplicate membership. Circle accepts only {@link #circleToken}; a grant can be made to hang.
 */
final class StandInVendors implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    final Map<String, Long> circleMembers = new ConcurrentHashMap<>();
    final Map<Long, Set<String>> accessGroups = new ConcurrentHashMap<>();
    final Map<String, Long> kitSubscribers = new ConcurrentHashMap<>();
    final Map<Long, Set<Long>> kitTags = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> stripeCustomers = new ConcurrentHashMap<>();
    final Map<String, String> stripeSubscriptions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    volatile String circleToken = "good-circle-token";
    volatile CountDownLatch grantArrived;
    volatile CountDownLatch releaseGrant;

    StandInVendors() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String path = request.getRequestUrl().encodedPath();
                requests.add(request.getMethod() + " " + path);
                if (path.startsWith("/stripe/")) {
                    return stripe(request, path.substring(8));
                }
                return path.startsWith("/circle/") ? circle(request, path.substring(8)) : kit(request, path.substring(5));
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    String circleUrl() {
        return server.url("/circle").toString();
    }

    String kitUrl() {
        return server.url("/kit").toString();
    }

    String stripeUrl() {
        String url = server.url("/stripe").toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** What the stand-in Stripe API holds for a customer: its e-mail and one subscription on one price. */
    void stripe(String customer, String email, String subscription, String status, String price) {
        stripeCustomers.put(customer, email);
        stripeSubscriptions.put(customer, """
                {"id":"%s","object":"subscription","customer":"%s","status":"%s","created":1760000000,
                 "cancel_at_period_end":false,"items":{"object":"list","data":[{"id":"si_%s","object":"subscription_item",
                 "current_period_end":1900000000,"price":{"id":"%s","object":"price"}}]}}""".formatted(
                subscription, customer, status, subscription, price));
    }

    private MockResponse stripe(RecordedRequest r, String path) {
        if (!"Bearer sk_test_e2e".equals(r.getHeader("Authorization"))) {
            return reply(401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");
        }
        if (path.startsWith("v1/customers/")) {
            String id = path.substring("v1/customers/".length());
            String email = stripeCustomers.get(id);
            return email == null ? reply(404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\"}}")
                    : reply(200, "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"" + email + "\",\"name\":\"E2E\"}");
        }
        if (path.equals("v1/subscriptions") && r.getRequestUrl().queryParameter("customer") == null) {
            return reply(200, "{\"object\":\"list\",\"url\":\"/v1/subscriptions\",\"has_more\":false,\"data\":["
                    + String.join(",", stripeSubscriptions.values()) + "]}");
        }
        if (path.equals("v1/subscriptions")) {
            String sub = stripeSubscriptions.get(r.getRequestUrl().queryParameter("customer"));
            return reply(200, "{\"object\":\"list\",\"url\":\"/v1/subscriptions\",\"has_more\":false,\"data\":["
                    + (sub == null ? "" : sub) + "]}");
        }
        return reply(404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\"}}");
    }

    long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    private MockResponse circle(RecordedRequest r, String path) throws InterruptedException {
        if (!("Bearer " + circleToken).equals(r.getHeader("Authorization"))) {
            return reply(401, "{\"success\":false,\"message\":\"Your account could not be authenticated.\"}");
        }
        String email = r.getRequestUrl().queryParameter("email");
        if (path.equals("community_members/search")) {
            Long id = circleMembers.get(email);
            return id == null ? reply(404, "{\"success\":false,\"message\":\"Missing record: community member\"}")
                    : reply(200, "{\"id\":" + id + ",\"email\":\"" + email + "\",\"active\":true}");
        }
        if (path.equals("community_members") && r.getMethod().equals("POST")) {
            String newEmail = body(r).path("email").asText();
            if (circleMembers.putIfAbsent(newEmail, ids.incrementAndGet()) != null) {
                return reply(422, "{\"success\":false,\"message\":\"Email has already been taken\"}");
            }
            return reply(201, "{\"message\":\"created\",\"community_member\":{\"id\":" + circleMembers.get(newEmail)
                    + ",\"email\":\"" + newEmail + "\",\"active\":true}}");
        }
        if (path.matches("access_groups/\\d+/community_members") && r.getMethod().equals("GET")) {
            long group = Long.parseLong(path.split("/")[1]);
            StringBuilder records = new StringBuilder();
            for (String member : accessGroups.getOrDefault(group, Set.of())) {
                records.append(records.length() == 0 ? "" : ",").append("{\"id\":").append(ids.incrementAndGet())
                        .append(",\"community_member_id\":").append(circleMembers.getOrDefault(member, 0L))
                        .append(",\"email\":\"").append(member).append("\"}");
            }
            return reply(200, "{\"page\":1,\"per_page\":100,\"has_next_page\":false,\"records\":[" + records + "]}");
        }
        if (path.matches("access_groups/\\d+/community_members")) {
            long group = Long.parseLong(path.split("/")[1]);
            if (r.getMethod().equals("DELETE")) {
                Set<String> members = accessGroups.getOrDefault(group, Set.of());
                return members.contains(email) && accessGroups.get(group).remove(email)
                        ? reply(200, "{\"success\":true}") : reply(404, "{\"success\":false,\"message\":\"Missing record\"}");
            }
            String member = body(r).path("email").asText();
            CountDownLatch arrived = grantArrived;
            if (arrived != null) {
                grantArrived = null;
                arrived.countDown();
                releaseGrant.await(60, TimeUnit.SECONDS); // the caller may be killed meanwhile
            }
            if (!circleMembers.containsKey(member)) {
                return reply(404, "{\"success\":false,\"message\":\"Missing record: community member\"}");
            }
            boolean added = accessGroups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(member);
            return added ? reply(201, "{\"success\":true,\"message\":\"Member added to access group\"}")
                    : reply(422, "{\"success\":false,\"message\":\"Member is already in this access group\"}");
        }
        return reply(404, "{\"success\":false,\"message\":\"Missing record: route\"}");
    }

    private MockResponse kit(RecordedRequest r, String path) {
        if (path.equals("subscribers") && r.getMethod().equals("POST")) {
            String email = body(r).path("email_address").asText();
            long id = kitSubscribers.computeIfAbsent(email, e -> ids.incrementAndGet());
            return reply(201, "{\"subscriber\":{\"id\":" + id + ",\"email_address\":\"" + email + "\",\"state\":\"active\"}}");
        }
        if (path.equals("subscribers")) {
            String email = r.getRequestUrl().queryParameter("email_address");
            Long id = kitSubscribers.get(email);
            return reply(200, id == null ? "{\"subscribers\":[]}"
                    : "{\"subscribers\":[{\"id\":" + id + ",\"email_address\":\"" + email + "\"}]}");
        }
        String[] parts = path.split("/");
        if (parts.length == 3 && parts[0].equals("tags") && r.getMethod().equals("GET")) {
            Set<Long> holders = kitTags.getOrDefault(Long.parseLong(parts[1]), Set.of());
            StringBuilder list = new StringBuilder();
            kitSubscribers.forEach((email, id) -> {
                if (holders.contains(id)) {
                    list.append(list.length() == 0 ? "" : ",").append("{\"id\":").append(id)
                            .append(",\"email_address\":\"").append(email).append("\",\"state\":\"active\"}");
                }
            });
            return reply(200, "{\"subscribers\":[" + list + "],\"pagination\":{\"has_next_page\":false,\"end_cursor\":null}}");
        }
        if (parts.length >= 3 && parts[0].equals("tags")) {
            long tag = Long.parseLong(parts[1]);
            if (r.getMethod().equals("POST")) {
                Long id = kitSubscribers.get(body(r).path("email_address").asText());
                if (id == null) {
                    return reply(404, "{\"errors\":[\"Not Found\"]}");
                }
                kitTags.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(id);
                return reply(201, "{\"subscriber\":{\"id\":" + id + "}}");
            }
            boolean removed = kitTags.getOrDefault(tag, Set.of()).remove(Long.parseLong(parts[3]));
            return removed ? new MockResponse().setResponseCode(204) : reply(404, "{\"errors\":[\"Not Found\"]}");
        }
        return reply(404, "{\"errors\":[\"Not Found\"]}");
    }

    private JsonNode body(RecordedRequest r) {
        try {
            return json.readTree(r.getBody().readUtf8());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static MockResponse reply(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void close() throws IOException {
        if (releaseGrant != null) {
            releaseGrant.countDown();
        }
        server.shutdown();
    }
}
