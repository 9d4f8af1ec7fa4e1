package io.memberflow.backfill;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One page of the backfill: how many Stripe customers it held and what was done (or, in report mode, would be
 * done) for each. {@code nextStartingAfter} resumes the listing; {@code hasMore} says whether there is more.
 */
public record BackfillPage(String mode, int customers, int started, int readRequested, int failed,
                           List<Item> items, @Nullable String nextStartingAfter, boolean hasMore) {

    /** One customer: its workflow's state before ({@code absent}, {@code running}, {@code closed}) and the action. */
    public record Item(String customerId, String workflow, String action) {
    }
}
