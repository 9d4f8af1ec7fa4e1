package io.memberflow.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a delivery of a Kit webhook endpoint as Kit documents it (developers.kit.com/webhooks/delivery-format):
 * {@code {"delivery_id": 123, "events": [{"id": "<uuid>", "type": "subscriber.unsubscribed", "created": "…",
 * "data": {"subscriber": {"id", "email_address", "state", …}}}]}}, 1 to 100 events of one type. Each event is read on
 * its own: one that cannot be used (no id, or a suppression without the subscriber's address) is reported in
 * {@link Delivery#unusable()} with why, and the others are applied. Only {@code subscriber.unsubscribed},
 * {@code subscriber.bounced} and {@code subscriber.complained} matter (developers.kit.com/webhooks/event-types);
 * other types are taken (so their ids are known) and ignored. The legacy {@code /v4/webhooks} names
 * ({@code subscriber.subscriber_unsubscribe}, …) belong to unsigned deliveries with another body, which the endpoint
 * does not accept: they count as types memberflow ignores.
 */
final class KitEvents {
    private static final Pattern SAFE_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Map<String, String> REASONS = Map.of(
            "subscriber.unsubscribed", "unsubscribed",
            "subscriber.bounced", "bounced",
            "subscriber.complained", "complained");

    /** One usable event; {@code reason} is unsubscribed, bounced, complained, or null for a type memberflow ignores. */
    record KitEvent(String id, String type, @Nullable String reason, @Nullable String emailSha256,
                    @Nullable String subscriberId) {
    }

    /**
     * What a delivery held: the usable events and, for each event that could not be used, why (ids and types only,
     * never an address). {@code deliveryId} is null when absent.
     */
    record Delivery(@Nullable String deliveryId, List<KitEvent> events, List<String> unusable) {
    }

    private KitEvents() {
    }

    /** Never throws for a signed body: a body that is not a delivery at all is one unusable item. */
    static Delivery read(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            return new Delivery(null, List.of(), List.of("body is not valid JSON"));
        }
        JsonNode events = root == null ? null : root.path("events");
        String deliveryId = root == null ? null : text(root.path("delivery_id"));
        if (events == null || !events.isArray() || events.isEmpty()) {
            return new Delivery(deliveryId, List.of(), List.of("body has no events"));
        }
        List<KitEvent> read = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        int index = 0;
        for (JsonNode e : events) {
            String problem = problem(e);
            if (problem != null) {
                unusable.add("event " + index + (safe(text(e.path("id"))) ? " (" + text(e.path("id")) + ")" : "") + ": " + problem);
            } else {
                read.add(event(e));
            }
            index++;
        }
        return new Delivery(deliveryId, read, unusable);
    }

    /** Why the event cannot be applied, or null when it can. */
    private static @Nullable String problem(JsonNode e) {
        if (!e.isObject()) {
            return "not an object";
        }
        if (!safe(text(e.path("id")))) {
            return "no id (or one over 255 visible characters)";
        }
        String type = text(e.path("type"));
        if (!safe(type)) {
            return "no type";
        }
        if (REASONS.containsKey(type) && text(e.path("data").path("subscriber").path("email_address")) == null) {
            return type + " without data.subscriber.email_address";
        }
        return null;
    }

    private static KitEvent event(JsonNode e) {
        String type = text(e.path("type"));
        JsonNode subscriber = e.path("data").path("subscriber");
        String email = text(subscriber.path("email_address"));
        String subscriberId = text(subscriber.path("id"));
        if (subscriberId != null && !subscriberId.matches("[A-Za-z0-9_-]{1,64}")) {
            subscriberId = null;
        }
        return new KitEvent(text(e.path("id")), type, REASONS.get(type), email == null ? null : sha256(email), subscriberId);
    }

    /** The suppression a Kit event type stands for, or null. */
    static @Nullable String reason(String type) {
        return REASONS.get(type);
    }

    /** The key an address is stored and looked up by: SHA-256 of the trimmed, lower-cased address. */
    static String sha256(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean safe(@Nullable String value) {
        return value != null && SAFE_ID.matcher(value).matches();
    }

    private static @Nullable String text(JsonNode v) {
        if (v.isNumber()) {
            return v.asText();
        }
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
