package io.memberflow.workflow;

import jakarta.annotation.Nullable;

/** Start (or continue-as-new) input: {@code carried} is null for a new customer. */
public record CustomerWorkflowInput(String customerId, @Nullable CustomerRecord carried) {
}
