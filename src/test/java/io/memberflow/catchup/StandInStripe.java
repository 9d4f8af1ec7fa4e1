package io.memberflow.catchup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Stripe's {@code GET /v1/events} (newest first; {@code types[]}, {@code created[gte]},
 * {@code starting_after}, {@code ending_before}, {@code limit}, {@code has_more}) and {@code GET /v1/customers}
 * (paged the same way). It answers 429 to the request numbers put in {@link #rateLimitOn}, and 404 to customer
 * reads (the customer workflows' billing reads).
 */
public final class StandInStripe implements AutoCloseable {
    public static final String KEY = "sk_test_catch_up";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final MockWebServer server = new MockWebServer();
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    public final List<JsonNode> customers = new CopyOnWriteArrayList<>();
    /** Runs while a single customer is being read (before the answer), e.g. to record an event meanwhile. */
    public volatile Runnable onCustomerRead;
    public final Set<Integer> rateLimitOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public final AtomicInteger listRequests = new AtomicInteger();
    public final AtomicInteger rateLimited = new AtomicInteger();
    /** Reads of one customer ({@code GET /v1/customers/{id}}): the customer workflows' billing reads. */
    public final AtomicInteger customerReads = new AtomicInteger();
    final List<HttpUrl> listUrls = new CopyOnWriteArrayList<>();

    public StandInStripe() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    void addEvent(String json) {
        try {
            events.add(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse answer(RecordedRequest request) {
        if (!("Bearer " + KEY).equals(request.getHeader("Authorization"))) {
            return json(401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
        }
        HttpUrl url = request.getRequestUrl();
        String path = url.encodedPath();
        if (path.equals("/v1/events") || path.equals("/v1/customers")) {
            int n = listRequests.incrementAndGet();
            listUrls.add(url);
            if (rateLimitOn.contains(n)) {
                rateLimited.incrementAndGet();
                return json(429, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\",\"message\":\"Too many requests\"}}");
            }
            return path.equals("/v1/events") ? list(url, filteredEvents(url)) : list(url, sorted(customers));
        }
        if (path.startsWith("/v1/customers/")) {
            customerReads.incrementAndGet();
            Runnable hook = onCustomerRead;
            if (hook != null) {
                hook.run();
            }
        }
        return json(404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such customer\"}}");
    }

    private List<JsonNode> filteredEvents(HttpUrl url) {
        Set<String> types = new HashSet<>();
        for (String name : url.queryParameterNames()) {
            if (name.startsWith("types[")) {
                types.addAll(url.queryParameterValues(name));
            }
        }
        String gte = url.queryParameter("created[gte]");
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode e : sorted(events)) {
            if ((types.isEmpty() || types.contains(e.get("type").asText()))
                    && (gte == null || e.get("created").asLong() >= Long.parseLong(gte))) {
                matching.add(e);
            }
        }
        return matching;
    }

    /** Newest first, as Stripe lists; ties by id. */
    private static List<JsonNode> sorted(List<JsonNode> objects) {
        List<JsonNode> copy = new ArrayList<>(objects);
        copy.sort(Comparator.comparingLong((JsonNode e) -> e.path("created").asLong()).reversed()
                .thenComparing(e -> e.get("id").asText(), Comparator.reverseOrder()));
        return copy;
    }

    private static MockResponse list(HttpUrl url, List<JsonNode> all) {
        int limit = url.queryParameter("limit") == null ? 10 : Integer.parseInt(url.queryParameter("limit"));
        int from = 0;
        int to = all.size();
        String after = url.queryParameter("starting_after");
        String before = url.queryParameter("ending_before");
        if (after != null) {
            from = indexOf(all, after) + 1;
        }
        if (before != null) {
            to = indexOf(all, before);
            from = Math.max(0, to - limit);
        }
        int end = Math.min(to, from + limit);
        boolean hasMore = before != null ? from > 0 : end < to;
        StringBuilder body = new StringBuilder("{\"object\":\"list\",\"url\":\"").append(url.encodedPath())
                .append("\",\"has_more\":").append(hasMore).append(",\"data\":[");
        for (int i = from; i < end; i++) {
            body.append(i > from ? "," : "").append(all.get(i).toString());
        }
        return json(200, body.append("]}").toString());
    }

    private static int indexOf(List<JsonNode> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no object " + id);
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
