package io.memberflow.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.intake.MalformedEventException;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a Kit webhook delivery: {@code {"events":[…]}}, 1 to 100 events, each with an {@code id}. Kit does not publish
 * every field of the envelope, so the reading is tolerant: the type is the event's {@code type}, {@code event} or
 * {@code name} (or the envelope's), the subscriber is under {@code data.object}, {@code data.subscriber},
 * {@code subscriber} or {@code data}. Only unsubscribes, bounces and complaints matter; other types are ignored.
 */
final class KitEvents {
    private static final Pattern SAFE_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** One event; {@code reason} is unsubscribed, bounced, complained, or null for a type memberflow ignores. */
    record KitEvent(String id, String type, @Nullable String reason, @Nullable String emailSha256,
                    @Nullable String subscriberId) {
    }

    private KitEvents() {
    }

    static List<KitEvent> read(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new MalformedEventException("body is not valid JSON");
        }
        JsonNode events = root == null ? null : root.path("events");
        if (events == null || !events.isArray() || events.isEmpty() || events.size() > 100) {
            throw new MalformedEventException("body needs events: 1 to 100 events");
        }
        String envelopeType = firstText(root, "type", "event", "name");
        List<KitEvent> read = new ArrayList<>();
        for (JsonNode e : events) {
            String id = text(e.path("id"));
            String type = firstText(e, "type", "event", "name");
            type = type == null ? envelopeType : type;
            if (id == null || !SAFE_ID.matcher(id).matches() || type == null || !SAFE_ID.matcher(type).matches()) {
                throw new MalformedEventException("each event needs an id and a type of at most 255 visible characters");
            }
            JsonNode subscriber = subscriber(e);
            String email = subscriber == null ? null : text(subscriber.path("email_address"));
            String subscriberId = subscriber == null ? null : text(subscriber.path("id"));
            if (subscriberId != null && !subscriberId.matches("[A-Za-z0-9_-]{1,64}")) {
                subscriberId = null;
            }
            String reason = reason(type);
            if (reason != null && email == null) {
                throw new MalformedEventException("a " + reason + " event needs the subscriber's email_address");
            }
            read.add(new KitEvent(id, type, reason, email == null ? null : sha256(email), subscriberId));
        }
        return read;
    }

    static @Nullable String reason(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("unsubscribe")) {
            return "unsubscribed";
        }
        if (t.contains("bounce")) {
            return "bounced";
        }
        return t.contains("complain") ? "complained" : null;
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

    private static @Nullable JsonNode subscriber(JsonNode e) {
        for (JsonNode candidate : new JsonNode[] {e.path("data").path("object"), e.path("data").path("subscriber"),
                e.path("subscriber"), e.path("data"), e}) {
            if (candidate.isObject() && candidate.path("email_address").isTextual()) {
                return candidate;
            }
        }
        return null;
    }

    private static @Nullable String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node.path(f));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static @Nullable String text(JsonNode v) {
        if (v.isNumber()) {
            return v.asText();
        }
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
