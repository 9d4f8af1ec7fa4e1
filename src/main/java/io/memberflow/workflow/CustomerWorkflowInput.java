package io.memberflow.workflow;

import io.micronaut.core.annotation.Nullable;

/** Start (or continue-as-new) input: {@code carried} is null for a new customer. */
public record CustomerWorkflowInput(String customerId, @Nullable CustomerRecord carried) {
}
