package io.memberflow.workflow;

import jakarta.annotation.Nullable;

/**
 * Start (or continue-as-new) input: {@code carried} is null for a new customer. {@code readWanted}: a billing event
 * was applied that no read of Stripe has covered yet, so the new run reads first (absent, so false, in inputs
 * written before version {@code lean-tasks}).
 */
public record CustomerWorkflowInput(String customerId, @Nullable CustomerRecord carried, boolean readWanted) {

    public CustomerWorkflowInput(String customerId, @Nullable CustomerRecord carried) {
        this(customerId, carried, false);
    }
}
