package io.memberflow.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stripe event JSON for billing shapes in the two API layouts memberflow reads, with the fields each layout really
 * carries (Stripe API reference and changelog, "2025-03-31.basil: Adds support for multiple partial payments on
 * invoices": {@code charge}, {@code payment_intent} and {@code paid} removed from the Invoice, {@code invoice}
 * removed from the Charge; an invoice's subscription moved under {@code parent.subscription_details} and its line
 * prices under {@code pricing.price_details}). A Checkout Session names its {@code invoice} (subscription mode, or
 * payment mode with invoice creation) and, in payment mode, its {@code payment_intent}; a Charge names its
 * {@code payment_intent} and, as {@code created}, when it was made. Webhooks carry no {@code line_items}.
 */
public final class StripeShapes {
    public enum Layout {
        V2024_06_20("2024-06-20"), BASIL("2025-08-27.basil");

        final String version;

        Layout(String version) {
            this.version = version;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final String customer;
    private final String email;
    private final Layout layout;

    public StripeShapes(String customer, String email, Layout layout) {
        this.customer = customer;
        this.email = email;
        this.layout = layout;
    }

    public String subscription(String eventId, String type, long created, String sub, String status, String price) {
        ObjectNode o = object("subscription", sub).put("customer", customer).put("status", status)
                .put("cancel_at_period_end", false).put("created", created);
        ObjectNode item = o.putObject("items").putArray("data").addObject().put("id", "si_" + sub);
        item.putObject("price").put("id", price);
        if (layout == Layout.BASIL) {
            item.put("current_period_end", created + 30 * 86_400L);
        } else {
            o.put("current_period_end", created + 30 * 86_400L);
        }
        return event(eventId, type, created, o);
    }

    /**
     * A paid invoice. {@code sub} null: an invoice without subscription (Checkout's invoice of a one-off payment).
     * The 2024 layout names {@code charge} and {@code paymentIntent}; basil does not.
     */
    public String invoicePaid(String eventId, long created, String invoice, String sub, String charge,
                              String paymentIntent, long amountPaid, String billingReason, String price) {
        ObjectNode o = object("invoice", invoice).put("customer", customer).put("customer_email", email)
                .put("status", "paid").put("amount_paid", amountPaid).put("amount_due", amountPaid)
                .put("billing_reason", billingReason).put("created", created);
        o.putObject("status_transitions").put("paid_at", created);
        ObjectNode line = o.putObject("lines").putArray("data").addObject().put("amount", amountPaid);
        if (layout == Layout.BASIL) {
            if (sub != null) {
                o.putObject("parent").put("type", "subscription_details").putObject("subscription_details")
                        .put("subscription", sub);
            } else {
                o.putNull("parent");
            }
            line.putObject("pricing").put("type", "price_details").putObject("price_details").put("price", price);
        } else {
            o.put("subscription", sub).put("paid", true).put("charge", charge).put("payment_intent", paymentIntent);
            line.putObject("price").put("id", price);
            line.put("proration", false);
        }
        return event(eventId, "invoice.paid", created, o);
    }

    /** A full refund of a charge made at {@code chargeCreated}; the 2024 layout names the charge's invoice. */
    public String chargeRefunded(String eventId, long created, String charge, long chargeCreated, String invoice,
                                 String paymentIntent, long amount) {
        ObjectNode o = object("charge", charge).put("customer", customer).put("amount", amount)
                .put("amount_refunded", amount).put("refunded", true).put("paid", true).put("status", "succeeded")
                .put("created", chargeCreated).put("payment_intent", paymentIntent);
        o.putObject("billing_details").put("email", email);
        if (layout == Layout.V2024_06_20) {
            o.put("invoice", invoice);
        }
        return event(eventId, "charge.refunded", created, o);
    }

    /** A completed Checkout Session; {@code paymentIntent} only in payment mode. */
    public String checkoutCompleted(String eventId, long created, String session, String mode, String paymentStatus,
                                    String sub, String invoice, String paymentIntent, long amountTotal) {
        ObjectNode o = object("checkout.session", session).put("customer", customer).put("mode", mode)
                .put("status", "complete").put("payment_status", paymentStatus).put("subscription", sub)
                .put("invoice", invoice).put("payment_intent", paymentIntent).put("amount_total", amountTotal)
                .put("created", created - 60);
        o.putObject("customer_details").put("email", email).put("name", "Ada Lovelace");
        return event(eventId, "checkout.session.completed", created, o);
    }

    private String event(String id, String type, long created, ObjectNode object) {
        ObjectNode e = MAPPER.createObjectNode().put("id", id).put("object", "event").put("api_version", layout.version)
                .put("created", created).put("livemode", false).put("type", type);
        e.putObject("data").set("object", object);
        return e.toString();
    }

    private static ObjectNode object(String type, String id) {
        return MAPPER.createObjectNode().put("id", id).put("object", type);
    }
}
