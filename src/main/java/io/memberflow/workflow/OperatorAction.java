package io.memberflow.workflow;

import jakarta.annotation.Nullable;

/**
 * The one JSON object every operator signal takes, e.g. {@code {"actor":"sam","reason":"fixed the token"}};
 * {@code taskId} only for {@code resolveSupportTask}. An action without actor or reason is rejected (and noted).
 */
public record OperatorAction(@Nullable String actor, @Nullable String reason, @Nullable Long taskId) {

    public boolean valid() {
        return actor != null && !actor.isBlank() && reason != null && !reason.isBlank();
    }
}
