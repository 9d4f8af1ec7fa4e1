package io.memberflow.bench;

import io.memberflow.standin.StripeStandIn;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memberflow.standin.StripeEvents;

/**
 * Stripe objects of one benchmark customer, shaped as Stripe returns them at API version
 * {@value StripeEvents#API_VERSION}: the same subscription JSON is served by {@link StripeStandIn} and carried in
 * the customer's {@code customer.subscription.created} event, as with real Stripe.
 */
final class StripeObjects {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long AMOUNT = 2900;

    final String customerId;
    final String email;
    final String name;
    final String subscriptionId;
    final String itemId;
    final String invoiceId;
    final String chargeId;
    final String priceId;
    final long created;

    StripeObjects(String key, String email, String priceId, long createdEpochSeconds) {
        this.customerId = "cus_" + key;
        this.email = email;
        this.name = "Bench Customer";
        this.subscriptionId = "sub_" + key;
        this.itemId = "si_" + key;
        this.invoiceId = "in_" + key;
        this.chargeId = "ch_" + key;
        this.priceId = priceId;
        this.created = createdEpochSeconds;
    }

    /** Makes the stand-in Stripe know this customer with an active subscription and its paid first charge. */
    void putInto(StripeStandIn stripe) {
        stripe.putCustomer(customer());
        stripe.putSubscription(subscription("active"));
        stripe.putCharge(charge());
    }

    /** Cancels the customer's subscription now, as the Dashboard would (status canceled, ended at {@code atSeconds}). */
    void cancelIn(StripeStandIn stripe, long atSeconds) {
        ObjectNode canceled = subscription("canceled");
        canceled.put("canceled_at", atSeconds).put("ended_at", atSeconds);
        stripe.putSubscription(canceled);
    }

    ObjectNode customer() {
        ObjectNode c = StripeEvents.object("customer", customerId);
        c.put("email", email).put("name", name).put("created", created).put("livemode", false)
                .put("currency", "usd").put("delinquent", false).put("balance", 0).putNull("description");
        c.putObject("metadata");
        c.putObject("invoice_settings").putNull("default_payment_method");
        return c;
    }

    ObjectNode price() {
        ObjectNode p = StripeEvents.object("price", priceId);
        p.put("active", true).put("currency", "usd").put("unit_amount", AMOUNT).put("product", "prod_bench_pro")
                .put("type", "recurring").put("livemode", false).put("created", created - 86_400);
        p.putObject("recurring").put("interval", "month").put("interval_count", 1).put("usage_type", "licensed");
        return p;
    }

    /** A subscription; {@code status} e.g. active. Basil puts the current period on the items. */
    ObjectNode subscription(String status) {
        ObjectNode s = StripeEvents.object("subscription", subscriptionId);
        s.put("customer", customerId).put("status", status).put("created", created).put("start_date", created)
                .put("cancel_at_period_end", false).putNull("cancel_at").putNull("canceled_at").putNull("ended_at")
                .putNull("trial_start").putNull("trial_end").putNull("pause_collection")
                .put("collection_method", "charge_automatically").put("currency", "usd").put("livemode", false)
                .put("latest_invoice", invoiceId).put("billing_cycle_anchor", created);
        s.putObject("metadata");
        ObjectNode items = s.putObject("items");
        items.put("object", "list").put("has_more", false).put("total_count", 1)
                .put("url", "/v1/subscription_items?subscription=" + subscriptionId);
        ObjectNode item = items.putArray("data").addObject();
        item.put("id", itemId).put("object", "subscription_item").put("subscription", subscriptionId)
                .put("created", created).put("quantity", 1)
                .put("current_period_start", created).put("current_period_end", created + 30 * 86_400L);
        item.set("price", price());
        item.putObject("metadata");
        return s;
    }

    /** A completed subscription-mode Checkout Session (webhooks do not include line_items, as with Stripe). */
    ObjectNode checkoutSession() {
        ObjectNode o = StripeEvents.object("checkout.session", "cs_" + customerId.substring(4));
        o.put("customer", customerId).put("mode", "subscription").put("status", "complete")
                .put("payment_status", "paid").put("subscription", subscriptionId).put("invoice", invoiceId)
                .put("amount_total", AMOUNT).put("amount_subtotal", AMOUNT).put("currency", "usd")
                .put("created", created).put("livemode", false).put("customer_creation", "always")
                .putNull("client_reference_id").put("customer_email", email);
        o.putObject("customer_details").put("email", email).put("name", name).putNull("phone");
        o.putObject("metadata");
        return o;
    }

    /** The subscription's first invoice, paid. Basil: subscription under parent, price under lines' pricing. */
    ObjectNode paidInvoice() {
        ObjectNode o = StripeEvents.object("invoice", invoiceId);
        o.put("customer", customerId).put("customer_email", email).put("customer_name", name)
                .put("status", "paid").put("billing_reason", "subscription_create").put("currency", "usd")
                .put("amount_due", AMOUNT).put("amount_paid", AMOUNT).put("amount_remaining", 0)
                .put("total", AMOUNT).put("subtotal", AMOUNT).put("created", created).put("livemode", false)
                .put("period_start", created).put("period_end", created).put("number", "BENCH-" + customerId.substring(4));
        ObjectNode parent = o.putObject("parent");
        parent.put("type", "subscription_details");
        parent.putObject("subscription_details").put("subscription", subscriptionId).putObject("metadata");
        ObjectNode lines = o.putObject("lines");
        lines.put("object", "list").put("has_more", false).put("total_count", 1);
        ObjectNode line = lines.putArray("data").addObject();
        line.put("id", "il_" + customerId.substring(4)).put("object", "line_item").put("amount", AMOUNT)
                .put("currency", "usd").put("quantity", 1);
        line.putObject("period").put("start", created).put("end", created + 30 * 86_400L);
        ObjectNode pricing = line.putObject("pricing");
        pricing.put("type", "price_details").put("unit_amount_decimal", String.valueOf(AMOUNT));
        pricing.putObject("price_details").put("price", priceId).put("product", "prod_bench_pro");
        line.putObject("parent").put("type", "subscription_item_details").putObject("subscription_item_details")
                .put("subscription", subscriptionId).put("subscription_item", itemId);
        return o;
    }

    ObjectNode charge() {
        ObjectNode c = StripeEvents.object("charge", chargeId);
        c.put("customer", customerId).put("amount", AMOUNT).put("amount_refunded", 0).put("amount_captured", AMOUNT)
                .put("currency", "usd").put("paid", true).put("refunded", false).put("status", "succeeded")
                .put("created", created).put("livemode", false);
        c.putObject("billing_details").put("email", email).put("name", name);
        return c;
    }
}
