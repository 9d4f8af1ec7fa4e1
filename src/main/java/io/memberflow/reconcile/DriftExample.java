package io.memberflow.reconcile;

import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/**
 * A drifted customer a run names in its report: its id, one kind of drift and the Circle group or Kit tag ids
 * concerned (none for {@code no_email}; {@code detail} says why for {@code repair_failed}). Ids only, never an
 * address. Stored as JSON in {@code reconcile_run.examples}.
 */
public record DriftExample(String customerId, String kind, Set<Long> ids, @Nullable String detail) {
}
