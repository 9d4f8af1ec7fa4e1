package io.memberflow.workflow;

import java.util.Set;

/**
 * What a reconciliation run found for one customer, sent to the customer's workflow as the {@code repairDrift}
 * signal so the repair is serialised with live events and written to the audit trail. Ids only, never an e-mail
 * address: {@code circleMissing} groups the workflow applied that Circle no longer holds, {@code circleExtra} paid
 * groups Circle holds that the workflow never applied, {@code kitTagMissing} / {@code kitTagExtra} the same for Kit
 * tags; {@code rereadBilling} asks for a fresh read of Stripe (billing and the record disagreed).
 *
 * <p>The observation may be a few seconds old. Acting on it is safe: a stale "missing" costs one idempotent grant or
 * tag call, a stale "extra" one removal that the next diff undoes only if billing still wants it.
 */
public record DriftRepair(String runId, Set<Long> circleMissing, Set<Long> circleExtra, Set<Long> kitTagMissing,
                          Set<Long> kitTagExtra, boolean rereadBilling) {

    public DriftRepair {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId is required");
        }
        circleMissing = circleMissing == null ? Set.of() : Set.copyOf(circleMissing);
        circleExtra = circleExtra == null ? Set.of() : Set.copyOf(circleExtra);
        kitTagMissing = kitTagMissing == null ? Set.of() : Set.copyOf(kitTagMissing);
        kitTagExtra = kitTagExtra == null ? Set.of() : Set.copyOf(kitTagExtra);
    }

    /** True when there is nothing to repair. */
    public boolean noDrift() {
        return circleMissing.isEmpty() && circleExtra.isEmpty() && kitTagMissing.isEmpty() && kitTagExtra.isEmpty()
                && !rereadBilling;
    }
}
