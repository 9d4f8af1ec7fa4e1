package io.memberflow.workflow;

import jakarta.annotation.Nullable;

import java.util.List;

/**
 * The {@code pending} query: side effects the member's state still requires (e.g. {@code circle grant access
 * groups [101]}), why they are not done, and what the workflow waits for.
 */
public record PendingWork(List<String> sideEffects, @Nullable String lastFailure, boolean waitingForEmail,
                          List<Long> openSupportTaskIds, @Nullable Long nextDeadlineMillis) {
}
