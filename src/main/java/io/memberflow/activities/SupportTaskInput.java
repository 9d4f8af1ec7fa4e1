package io.memberflow.activities;

import java.util.Map;

/**
 * A support task to open. {@code key} makes it idempotent (e.g. {@code cus_1:dispute:evt_9});
 * {@code context} is shown to the person who handles it and never holds a secret.
 */
public record SupportTaskInput(String key, String customerId, String kind, String causeEventId, String summary,
                               Map<String, String> context) {
    public SupportTaskInput {
        if (key == null || key.isBlank() || customerId == null || kind == null) {
            throw new IllegalArgumentException("key, customerId and kind are required");
        }
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
