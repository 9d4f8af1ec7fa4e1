package io.memberflow.standin;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The part of Stripe's API memberflow reads, stateful (Stripe's own mock, stripe-mock, checks request shapes but
 * forgets what it is given; the end-to-end suite runs memberflow's reads against it too): a customer, the customers
 * list, a subscription, the subscriptions list (one customer's or everyone's; without {@code status} the canceled
 * ones are left out, {@code status=all} includes them; newest first; {@code limit} 1 to 100, 10 by default, else 400;
 * {@code starting_after}, {@code has_more}), a charge. Requires {@code Authorization: Bearer <key>}; an unknown id
 * answers Stripe's 404 {@code resource_missing} error. Objects are given as Stripe's JSON ({@link #putCustomer} …),
 * so their shape is the caller's: take them from Stripe's fixtures or API reference.
 */
public final class StripeStandIn extends StandIn {
    /** The kind of a subscription list without a customer filter (a reconciliation's roster). */
    public static final String LIST_ALL = "GET subscriptions list (all customers)";
    private final String apiKey;
    private final Map<String, ObjectNode> customers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> charges = new ConcurrentHashMap<>();

    public StripeStandIn(String apiKey, Duration latency, int port) throws IOException {
        super(latency, port);
        this.apiKey = apiKey;
    }

    /** The value for STRIPE_API_BASE. */
    public String apiBase() {
        return origin();
    }

    /** Stripe's customer object (with {@code id}); replaces an earlier one. */
    public void putCustomer(JsonNode customer) {
        customers.put(customer.path("id").asText(), customer.deepCopy());
    }

    /** Stripe's subscription object (with {@code id}, {@code customer}, {@code status}, {@code created}). */
    public void putSubscription(JsonNode subscription) {
        subscriptions.put(subscription.path("id").asText(), subscription.deepCopy());
    }

    public void putCharge(JsonNode charge) {
        charges.put(charge.path("id").asText(), charge.deepCopy());
    }

    /** Deletes the customer, as the Dashboard would: reading it gives {@code {"id","object":"customer","deleted":true}}. */
    public void deleteCustomer(String id) {
        ObjectNode deleted = object();
        deleted.put("id", id).put("object", "customer").put("deleted", true);
        customers.put(id, deleted);
    }

    @Override
    protected Reply handle(Request r) {
        if (!("Bearer " + apiKey).equals(r.header("Authorization"))) {
            return error(401, "invalid_request_error", null, "Invalid API Key provided.", "401");
        }
        String[] p = r.path().split("/");
        if (!r.method().equals("GET") || p.length < 3 || !p[1].equals("v1") || p.length > 4) {
            return unknown(r);
        }
        String id = p.length > 3 ? p[3] : null;
        return switch (p[2]) {
            case "customers" -> id == null ? list(r, customers, null, "GET customers list") : one(customers.get(id), "customer", id, "GET customer");
            case "subscriptions" -> id == null ? subscriptionList(r) : one(subscriptions.get(id), "subscription", id, "GET subscription");
            case "charges" -> id == null ? unknown(r) : one(charges.get(id), "charge", id, "GET charge");
            default -> unknown(r);
        };
    }

    private Reply subscriptionList(Request r) {
        String customer = r.query().get("customer");
        String status = r.query().get("status");
        return list(r, subscriptions, s -> (customer == null || customer.equals(s.path("customer").asText()))
                && (status == null ? !s.path("status").asText().equals("canceled")
                : status.equals("all") || status.equals(s.path("status").asText())),
                customer == null ? LIST_ALL : "GET subscriptions list");
    }

    private Reply list(Request r, Map<String, ObjectNode> objects, java.util.function.Predicate<ObjectNode> filter, String kind) {
        int limit = intParam(r.query(), "limit", 10);
        if (limit < 1 || limit > 100) {
            return error(400, "invalid_request_error", "parameter_invalid_integer",
                    "Invalid integer: limit must be between 1 and 100", kind);
        }
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode o : objects.values()) {
            if ((filter == null || filter.test(o)) && !o.path("deleted").asBoolean(false)) {
                all.add(o);
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
        ObjectNode body = object();
        body.put("object", "list").put("url", r.path()).put("has_more", from + limit < all.size());
        ArrayNode data = body.putArray("data");
        page.forEach(data::add);
        return Reply.json(200, body, kind);
    }

    private static Reply one(ObjectNode found, String type, String id, String kind) {
        return found == null ? error(404, "invalid_request_error", "resource_missing",
                "No such " + type + ": '" + id + "'", kind) : Reply.json(200, found, kind);
    }

    private static Reply unknown(Request r) {
        return error(404, "invalid_request_error", null, "Unrecognized request URL (" + r.method() + ": " + r.path()
                + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", "unknown");
    }

    private static Reply error(int status, String type, String code, String message, String kind) {
        ObjectNode body = object();
        ObjectNode e = body.putObject("error");
        e.put("type", type);
        if (code != null) {
            e.put("code", code).put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        e.put("message", message);
        return Reply.json(status, body, kind);
    }
}
