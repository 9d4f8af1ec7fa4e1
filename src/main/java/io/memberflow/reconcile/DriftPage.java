package io.memberflow.reconcile;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of the drift report. {@code counts}: customers by kind (a customer with two kinds of drift counts under
 * both); {@code examples}: up to 20 drifted customers with the ids concerned; {@code nextAfterCustomerId} resumes
 * the report, {@code hasMore} says whether there is more. {@code circle} and {@code kit} say {@code checked} or
 * {@code skipped: shadow mode}; {@code skipped} is set when neither vendor can be checked (then nothing is read).
 */
public record DriftPage(int customers, Map<String, Integer> counts, List<Example> examples,
                        @Nullable String nextAfterCustomerId, boolean hasMore, String circle, String kit,
                        @Nullable String skipped) {

    /** A drifted customer: its id, one kind and the group or tag ids concerned (none for no_email and check_failed). */
    public record Example(String customerId, String kind, Set<Long> ids, @Nullable String detail) {
    }
}
