package io.memberflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stripe API stand-in for what memberflow reads (through stripe-java's {@code StripeClient} with
 * {@code setApiBase} pointing here): a customer, a customer's subscriptions (list, {@code status=all},
 * {@code limit}, {@code starting_after}; without {@code customer}: every customer's, newest first, canceled ones
 * only with {@code status=all} or {@code canceled}), one subscription, one charge. Requires {@code Authorization: Bearer
 * <key>}; unknown ids answer Stripe's 404 {@code resource_missing} error. The bench puts a customer's objects
 * here before it sends that customer's events.
 */
final class StripeStandIn extends StandIn {
    /** The kind of a subscription list without a customer filter (a reconciliation's roster). */
    static final String LIST_ALL = "GET subscriptions list (all customers)";
    private final String apiKey;
    private final Map<String, ObjectNode> customers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> charges = new ConcurrentHashMap<>();

    StripeStandIn(String apiKey, Duration latency, int port) throws IOException {
        super(latency, port);
        this.apiKey = apiKey;
    }

    /** The value for STRIPE_API_BASE. */
    String apiBase() {
        return origin();
    }

    /** Makes Stripe know this customer with an active subscription and its paid first charge. */
    void put(StripeObjects o) {
        customers.put(o.customerId, o.customer());
        subscriptions.put(o.subscriptionId, o.subscription("active"));
        charges.put(o.chargeId, o.charge());
    }

    /** Cancels the customer's subscription now, as the Dashboard would (status canceled, ended at {@code atSeconds}). */
    void cancel(StripeObjects o, long atSeconds) {
        ObjectNode canceled = o.subscription("canceled");
        canceled.put("canceled_at", atSeconds).put("ended_at", atSeconds);
        subscriptions.put(o.subscriptionId, canceled);
    }

    @Override
    protected Reply handle(Request r) {
        if (!("Bearer " + apiKey).equals(r.header("Authorization"))) {
            return error(401, "authentication_error", null, "Invalid API Key provided.", "401");
        }
        String[] p = r.path().split("/");
        if (!r.method().equals("GET") || p.length < 3 || !p[1].equals("v1")) {
            return error(404, "invalid_request_error", null, "Unrecognized request URL (" + r.method() + ": "
                    + r.path() + ").", "unknown");
        }
        String resource = p[2];
        String id = p.length > 3 ? p[3] : null;
        return switch (resource) {
            case "customers" -> id == null ? unknown(r) : one(customers.get(id), "customer", id, "GET customer");
            case "subscriptions" -> id == null ? list(r) : one(subscriptions.get(id), "subscription", id, "GET subscription");
            case "charges" -> id == null ? unknown(r) : one(charges.get(id), "charge", id, "GET charge");
            default -> unknown(r);
        };
    }

    private Reply list(Request r) {
        String customer = r.query().get("customer");
        String status = r.query().getOrDefault("status", "");
        int limit = Math.max(1, Math.min(100, Integer.parseInt(r.query().getOrDefault("limit", "10"))));
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode s : subscriptions.values()) {
            String st = s.path("status").asText();
            boolean statusOk = status.equals("all") || status.isEmpty() ? status.equals("all") || !st.equals("canceled")
                    : st.equals(status);
            if ((customer == null || customer.equals(s.path("customer").asText())) && statusOk) {
                all.add(s);
            }
        }
        all.sort(Comparator.comparingLong((ObjectNode s) -> s.path("created").asLong()).reversed()
                .thenComparing(s -> s.path("id").asText()));
        String after = r.query().get("starting_after");
        int from = 0;
        if (after != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).path("id").asText().equals(after)) {
                    from = i + 1;
                }
            }
        }
        List<ObjectNode> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
        ObjectNode body = StripeObjects.MAPPER.createObjectNode();
        body.put("object", "list").put("url", "/v1/subscriptions").put("has_more", from + limit < all.size());
        ArrayNode data = body.putArray("data");
        page.forEach(data::add);
        return Reply.json(200, body.toString(), customer == null ? LIST_ALL : "GET subscriptions list");
    }

    private static Reply one(ObjectNode found, String type, String id, String kind) {
        return found == null ? error(404, "invalid_request_error", "resource_missing",
                "No such " + type + ": '" + id + "'", kind) : Reply.json(200, found.toString(), kind);
    }

    private static Reply unknown(Request r) {
        return error(404, "invalid_request_error", null, "Unrecognized request URL (GET: " + r.path() + ").", "unknown");
    }

    private static Reply error(int status, String type, String code, String message, String kind) {
        ObjectNode body = StripeObjects.MAPPER.createObjectNode();
        ObjectNode e = body.putObject("error");
        e.put("type", type);
        if (code != null) {
            e.put("code", code).put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        e.put("message", message);
        return Reply.json(status, body.toString(), kind);
    }
}
