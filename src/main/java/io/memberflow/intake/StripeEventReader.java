package io.memberflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the facts memberflow needs straight from the event JSON. It does not use stripe-java's typed
 * deserializer, which returns nothing when the event's {@code api_version} differs from the library's; instead
 * it reads both the pre-2025 and the current field layouts (e.g. {@code current_period_end} on the
 * subscription or on its items; an invoice's subscription at the top or under {@code parent}; an invoice's charge and
 * payment intent at the top up to 2024-06-20, and a charge's invoice likewise, both gone from 2025-03-31.basil).
 */
@Singleton
public class StripeEventReader {

    /** The event types the entitlement engine acts on; every other type is acknowledged and recorded as ignored. */
    public static final Set<String> HANDLED_TYPES = Set.of(
            "checkout.session.completed",
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "customer.subscription.paused", "customer.subscription.resumed", "customer.subscription.trial_will_end",
            "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed", "invoice.payment_action_required",
            "charge.refunded", "charge.dispute.created", "charge.dispute.closed",
            "customer.updated", "customer.deleted");

    /** 2010-01-01T00:00:00Z: no Stripe event is older. */
    static final long EARLIEST_CREATED = 1_262_304_000L;
    static final Duration CREATED_MAX_AHEAD = Duration.ofDays(1);
    private static final Pattern SAFE_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final ObjectMapper mapper;

    public StripeEventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @throws MalformedEventException when the body is not a Stripe event object */
    public EventFacts read(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedEventException("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("body is not a JSON object");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        if (id == null || type == null || !root.path("created").canConvertToLong()) {
            throw new MalformedEventException("event needs id, type and created");
        }
        requireSafeId("id", id);
        requireSafeId("type", type);
        long createdAt = root.get("created").asLong();
        if (createdAt < EARLIEST_CREATED || createdAt > Instant.now().plus(CREATED_MAX_AHEAD).getEpochSecond()) {
            throw new MalformedEventException("created is not a plausible event time");
        }
        if ("v2.core.event".equals(text(root, "object"))) {
            throw new MalformedEventException("thin (v2) events are not supported; send snapshot events");
        }
        JsonNode o = root.path("data").path("object");
        if (!o.isObject()) {
            throw new MalformedEventException("event has no data.object");
        }
        long created = createdAt;
        String objectType = text(o, "object");
        Draft d = new Draft();
        switch (objectType == null ? "" : objectType) {
            case "subscription" -> subscription(o, d);
            case "invoice" -> invoice(o, d);
            case "checkout.session" -> checkout(o, d);
            case "charge" -> charge(o, d);
            case "dispute" -> dispute(o, d);
            case "customer" -> {
                d.customer = text(o, "id");
                d.email = text(o, "email");
                d.name = text(o, "name");
            }
            default -> d.customer = text(o, "customer");
        }
        for (String objectId : new String[] {d.customer, d.chargeToResolve, d.subscription, d.charge, d.invoice, d.dispute}) {
            requireSafeId("object id", objectId);
        }
        d.prices.forEach(price -> requireSafeId("price id", price));
        if (d.customer == null && "checkout.session".equals(objectType) && d.email != null) {
            d.customer = guestCustomerId(d.email);
        }
        requireSafeId("object id", d.paymentIntent);
        return new EventFacts(id, type, created, d.customer, d.chargeToResolve,
                d.email, d.name, d.subscription, d.subscriptionStatus, List.copyOf(d.prices), d.cancelAtPeriodEnd,
                d.periodEnd, d.mode, d.paymentStatus, d.amount, d.amountPaid,
                d.amountRefunded, d.charge, d.invoice, d.dispute, d.disputeStatus, d.disputeReason,
                d.billingReason, d.paymentIntent);
    }

    /**
     * Ids and the type end up in keys, logs, workflow ids and pages: at most 255 visible ASCII characters, no
     * spaces or control characters. The message names the field, never the value.
     */
    static void requireSafeId(String field, @Nullable String value) {
        if (value != null && !SAFE_ID.matcher(value).matches()) {
            throw new MalformedEventException(field + " must be 1 to 255 visible ASCII characters");
        }
    }

    /** A stable id for a checkout without a Stripe customer (guest checkout): derived from the e-mail, never showing it. */
    static String guestCustomerId(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase().getBytes(StandardCharsets.UTF_8));
            return "guest_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void subscription(JsonNode o, Draft d) {
        d.customer = idOf(o.path("customer"));
        d.subscription = text(o, "id");
        d.subscriptionStatus = text(o, "status");
        d.cancelAtPeriodEnd = o.path("cancel_at_period_end").isBoolean() ? o.get("cancel_at_period_end").asBoolean() : null;
        d.periodEnd = longOrNull(o, "current_period_end");
        for (JsonNode item : o.path("items").path("data")) {
            addPrice(d, item);
            if (d.periodEnd == null) {
                d.periodEnd = longOrNull(item, "current_period_end");
            }
        }
        if (d.cancelAtPeriodEnd == Boolean.FALSE && longOrNull(o, "cancel_at") != null) {
            // Newer API versions express "cancel at period end" as cancel_at.
            d.cancelAtPeriodEnd = Boolean.TRUE;
            d.periodEnd = longOrNull(o, "cancel_at");
        }
    }

    private static void invoice(JsonNode o, Draft d) {
        d.customer = idOf(o.path("customer"));
        d.invoice = text(o, "id");
        d.email = text(o, "customer_email");
        d.name = text(o, "customer_name");
        d.amountPaid = longOrNull(o, "amount_paid");
        d.billingReason = text(o, "billing_reason");
        d.subscription = idOf(o.path("subscription"));
        if (d.subscription == null) {
            d.subscription = idOf(o.path("parent").path("subscription_details").path("subscription"));
        }
        // up to 2024-06-20 an invoice names its charge and payment intent; from 2025-03-31.basil only its
        // payments list does, which a webhook carries only when it was expanded
        d.charge = idOf(o.path("charge"));
        d.paymentIntent = idOf(o.path("payment_intent"));
        for (JsonNode payment : o.path("payments").path("data")) {
            JsonNode paid = payment.path("payment");
            if (d.charge == null) {
                d.charge = idOf(paid.path("charge"));
            }
            if (d.paymentIntent == null) {
                d.paymentIntent = idOf(paid.path("payment_intent"));
            }
        }
        for (JsonNode line : o.path("lines").path("data")) {
            if (!isProrationOrCredit(line)) {
                addPrice(d, line);
            }
        }
    }

    /** Proration and credit lines name the price a member is leaving, not the one they are on. */
    private static boolean isProrationOrCredit(JsonNode line) {
        return line.path("proration").asBoolean(false)
                || line.path("parent").path("subscription_item_details").path("proration").asBoolean(false)
                || (line.path("amount").isNumber() && line.path("amount").asLong() < 0);
    }

    private static void checkout(JsonNode o, Draft d) {
        d.customer = idOf(o.path("customer"));
        d.email = firstNonNull(text(o.path("customer_details"), "email"), text(o, "customer_email"));
        d.name = text(o.path("customer_details"), "name");
        d.mode = text(o, "mode");
        d.paymentStatus = text(o, "payment_status");
        d.subscription = idOf(o.path("subscription"));
        d.invoice = idOf(o.path("invoice"));
        d.paymentIntent = idOf(o.path("payment_intent"));
        d.amount = longOrNull(o, "amount_total");
        for (JsonNode line : o.path("line_items").path("data")) {
            addPrice(d, line);
        }
    }

    private static void charge(JsonNode o, Draft d) {
        d.customer = idOf(o.path("customer"));
        d.charge = text(o, "id");
        d.invoice = idOf(o.path("invoice")); // up to 2024-06-20 only
        d.paymentIntent = idOf(o.path("payment_intent"));
        d.email = firstNonNull(text(o.path("billing_details"), "email"), text(o, "receipt_email"));
        d.amount = longOrNull(o, "amount");
        d.amountRefunded = longOrNull(o, "amount_refunded");
    }

    private static void dispute(JsonNode o, Draft d) {
        d.dispute = text(o, "id");
        d.charge = idOf(o.path("charge"));
        d.chargeToResolve = d.charge;
        d.amount = longOrNull(o, "amount");
        d.disputeStatus = text(o, "status");
        d.disputeReason = text(o, "reason");
        d.customer = idOf(o.path("customer")); // absent in Stripe's payload; present when a test or proxy adds it
    }

    private static void addPrice(Draft d, JsonNode line) {
        String price = firstNonNull(idOf(line.path("price")),
                text(line.path("pricing").path("price_details"), "price"));
        if (price == null) {
            price = idOf(line.path("plan"));
        }
        if (price != null) {
            d.prices.add(price);
        }
    }

    /** An expandable field: either an id string or an object with an id. */
    private static @Nullable String idOf(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        return node.isObject() ? text(node, "id") : null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static @Nullable Long longOrNull(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asLong() : null;
    }

    private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
        return a != null ? a : b;
    }

    private static final class Draft {
        String customer, chargeToResolve, email, name, subscription, subscriptionStatus, mode, paymentStatus;
        String charge, invoice, dispute, disputeStatus, disputeReason, billingReason, paymentIntent;
        Boolean cancelAtPeriodEnd;
        Long periodEnd, amount, amountPaid, amountRefunded;
        final Set<String> prices = new LinkedHashSet<>();
    }
}
