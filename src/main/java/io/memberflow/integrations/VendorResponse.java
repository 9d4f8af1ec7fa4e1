package io.memberflow.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP answer from a vendor, read completely: the status, the body text (success or error
 * body, at most {@link VendorHttp#MAX_BODY_CHARS} characters, {@link VendorHttp#MAX_PAGE_BODY_CHARS} for a
 * list page) and the {@code Retry-After} header.
 *
 * <p>The body may hold personal data: it is for parsing and matching only, never for logs.
 */
public record VendorResponse(int status, String body, String retryAfterHeader) {

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON; {@link MissingNode} when it is empty, {@code null} when it is not JSON. */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return VendorHttp.objectMapper().readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /**
     * The vendor's error text, unredacted: Circle's {@code message} plus its {@code error_details},
     * Kit's {@code errors[]} joined by "; ", or the plain body (Kit's 429 says {@code Retry later}).
     * {@code null} for an empty body.
     */
    public String vendorMessage() {
        JsonNode json = json();
        if (json == null) {
            String text = body.strip();
            return text.startsWith("<") ? "(non-JSON answer, probably an HTML page from a proxy)" : text;
        }
        if (json.isMissingNode()) {
            return null;
        }
        if (!json.isObject()) {
            return json.toString();
        }
        List<String> parts = new ArrayList<>();
        addText(parts, json.get("message"));
        addText(parts, json.get("error"));
        addText(parts, json.get("errors"));
        JsonNode details = json.get("error_details");
        if (details != null && details.size() > 0) {
            parts.add(details.toString());
        }
        return parts.isEmpty() ? json.toString() : String.join("; ", parts);
    }

    /**
     * Whether the vendor's text says that the wanted state is already there (case-insensitive
     * search for any of {@code words}), e.g. "already" or "has already been taken".
     */
    public boolean vendorSays(String... words) {
        String text = vendorMessage();
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (lower.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static void addText(List<String> parts, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> addText(parts, item));
        } else if (node.isObject() && node.hasNonNull("message")) {
            addText(parts, node.get("message"));
        } else {
            parts.add(node.isTextual() ? node.asText() : node.toString());
        }
    }
}
