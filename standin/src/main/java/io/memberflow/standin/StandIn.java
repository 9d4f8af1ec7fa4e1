package io.memberflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful vendor stand-in on 127.0.0.1 (JDK HTTP server; port 0 = any free one): every request waits
 * {@link #latency(Duration)}, is answered by {@link #handle}, counted by its kind (e.g. {@code POST grant}) and recorded
 * with its arrival time and status. A vendor's rate limit can be switched on with {@link #rateLimit}; subclasses ask
 * {@link #overLimit(String)} where the vendor counts requests and answer the vendor's 429 with kind {@link #RATE_LIMITED}.
 */
public abstract class StandIn implements AutoCloseable {
    static {
        // The JDK server writes headers and body in two segments; with Nagle on, the body waits for the client's
        // delayed ACK, about 40 ms per answer on Linux. Read once, when the first JDK HTTP server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Jackson, for bodies. */
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The kind of every request refused by the rate limit. */
    public static final String RATE_LIMITED = "429 rate limited";

    /** One request as the stand-in saw it; {@code atMillis} is its arrival (epoch ms). */
    public record Request(String method, String path, Map<String, String> query, String body, Headers headers,
                          long atMillis) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        /** The body as JSON; an empty object when it is not JSON. */
        public JsonNode json() {
            try {
                JsonNode node = JSON.readTree(body);
                return node == null ? JSON.createObjectNode() : node;
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    /** An answer; {@code kind} names the call for the counts; {@code headers} may be empty. */
    public record Reply(int status, String contentType, String body, String kind, Map<String, String> headers) {
        public Reply(int status, String contentType, String body, String kind) {
            this(status, contentType, body, kind, Map.of());
        }

        public static Reply json(int status, String body, String kind) {
            return new Reply(status, "application/json; charset=utf-8", body, kind);
        }

        public static Reply json(int status, JsonNode body, String kind) {
            return json(status, body.toString(), kind);
        }
    }

    /** A request as recorded: arrival (epoch ms), kind and answer status; no e-mail or body is kept. */
    public record Seen(long atMillis, String kind, int status) {
    }

    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
    private volatile Duration latency;
    private volatile RateLimit.Spec rateLimit;

    protected StandIn(Duration latency, int port) throws IOException {
        this.latency = latency;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        threads = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Added to every answer from now on. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    protected abstract Reply handle(Request request);

    /** Requests per kind, sorted by kind. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Every request so far, in arrival order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public long total() {
        return total.get();
    }

    /** Forgets what was counted (after a warm-up); what the stand-in holds stays. */
    public void resetCounts() {
        counts.clear();
        total.set(0);
        seen.clear();
    }

    /** Requests of this kind answered so far. */
    public long served(String kind) {
        AtomicLong n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    /** Requests refused by the rate limit so far. */
    public long refused() {
        return served(RATE_LIMITED);
    }

    /**
     * From now on at most {@code limit} requests per rolling {@code window} for each caller (the vendor's unit: an IP,
     * an API key); {@code limit <= 0} switches it off.
     */
    public void rateLimit(int limit, Duration window) {
        rateLimit = limit <= 0 ? null : new RateLimit.Spec(limit, window);
        limits.clear();
    }

    /** Whether this caller's request is over the rate limit (never, while none is set); counts it if not. */
    protected boolean overLimit(String caller) {
        RateLimit.Spec spec = rateLimit;
        if (spec == null) {
            return false;
        }
        RateLimit limit = limits.computeIfAbsent(caller == null ? "" : caller, c -> spec.start());
        return !limit.tryAcquire(System.nanoTime() / 1_000_000);
    }

    /** The query parameter as an int, or {@code otherwise} when it is absent or not a number. */
    protected static int intParam(Map<String, String> query, String name, int otherwise) {
        try {
            return Integer.parseInt(query.getOrDefault(name, ""));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private void exchange(HttpExchange ex) throws IOException {
        long at = System.currentTimeMillis();
        try (ex) {
            Duration wait = latency;
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis());
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    query(ex.getRequestURI().getRawQuery()), body, ex.getRequestHeaders(), at);
            Reply reply;
            try {
                reply = handle(request);
            } catch (RuntimeException e) {
                reply = Reply.json(500, "{\"error\":\"stand-in failed: " + e.getClass().getSimpleName() + "\"}", "error");
            }
            total.incrementAndGet();
            seen.add(new Seen(at, reply.kind(), reply.status()));
            counts.computeIfAbsent(reply.kind(), k -> new AtomicLong()).incrementAndGet();
            answered(reply);
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType() != null) {
                ex.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called once for every answer sent (e.g. to count it against a quota). */
    protected void answered(Reply reply) {
    }

    /** The query string decoded; the first value of a repeated name wins. */
    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
