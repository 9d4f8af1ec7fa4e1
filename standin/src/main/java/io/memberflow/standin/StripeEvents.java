package io.memberflow.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds realistic Stripe event JSON (the fields memberflow reads, shaped as Stripe sends them at API version
 * {@value #API_VERSION}). Used by {@code simulate} and by tests.
 */
public final class StripeEvents {
    public static final String API_VERSION = "2025-08-27.basil";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String customerId;
    private final String email;
    private final String instance = Long.toString(System.nanoTime() & 0xFFFFFF, 36);
    private long clock;
    private int sequence;

    public StripeEvents(String customerId, String email, long startEpochSeconds) {
        this.customerId = customerId;
        this.email = email;
        this.clock = startEpochSeconds;
    }

    public String checkoutCompleted(String subscriptionId, String priceId) {
        ObjectNode o = object("checkout.session", "cs_" + suffix());
        o.put("customer", customerId).put("mode", "subscription").put("payment_status", "paid")
                .put("subscription", subscriptionId).put("amount_total", 2900);
        o.putObject("customer_details").put("email", email).put("name", "Ada Lovelace");
        o.putObject("line_items").putArray("data").addObject().putObject("price").put("id", priceId);
        return event("checkout.session.completed", o);
    }

    public String subscription(String type, String subscriptionId, String status, String priceId, boolean cancelAtPeriodEnd) {
        ObjectNode o = object("subscription", subscriptionId);
        o.put("customer", customerId).put("status", status).put("cancel_at_period_end", cancelAtPeriodEnd)
                .put("created", clock - 60);
        ObjectNode item = o.putObject("items").putArray("data").addObject();
        item.put("current_period_end", clock + 30 * 86_400L);
        item.putObject("price").put("id", priceId);
        return event(type, o);
    }

    public String invoice(String type, String subscriptionId, String priceId, long amountPaid) {
        ObjectNode o = object("invoice", "in_" + suffix());
        o.put("customer", customerId).put("customer_email", email).put("amount_paid", amountPaid);
        o.putObject("parent").putObject("subscription_details").put("subscription", subscriptionId);
        o.putObject("lines").putArray("data").addObject().putObject("pricing").putObject("price_details").put("price", priceId);
        return event(type, o);
    }

    public String chargeRefunded(String chargeId, long amount, long refunded) {
        ObjectNode o = object("charge", chargeId);
        o.put("customer", customerId).put("amount", amount).put("amount_refunded", refunded);
        o.putObject("billing_details").put("email", email);
        return event("charge.refunded", o);
    }

    public String dispute(String type, String chargeId, String status) {
        ObjectNode o = object("dispute", "dp_" + suffix());
        o.put("charge", chargeId).put("amount", 2900).put("status", status).put("reason", "fraudulent");
        return event(type, o);
    }

    /** Any event, given its data.object. */
    public String event(String type, ObjectNode dataObject) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("id", "evt_" + suffix()).put("object", "event").put("api_version", API_VERSION)
                .put("created", clock).put("livemode", false).put("type", type).put("pending_webhooks", 1);
        e.putObject("data").set("object", dataObject);
        e.putObject("request").putNull("id");
        clock += 5;
        return e.toString();
    }

    public static ObjectNode object(String objectType, String id) {
        return MAPPER.createObjectNode().put("id", id).put("object", objectType);
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    private String suffix() {
        sequence++;
        return customerId.replace("cus_", "") + "_" + instance + sequence;
    }
}
