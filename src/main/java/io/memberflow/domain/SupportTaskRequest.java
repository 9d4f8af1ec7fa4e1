package io.memberflow.domain;

import java.util.Objects;

/**
 * A request to open a support task. Opening must be idempotent per (customer, kind, causeEventId):
 * the same Stripe event delivered twice yields the same request.
 */
public record SupportTaskRequest(String kind, String causeEventId, String summary) {
    public SupportTaskRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(causeEventId, "causeEventId");
        Objects.requireNonNull(summary, "summary");
    }
}
