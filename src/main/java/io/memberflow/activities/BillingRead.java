package io.memberflow.activities;

import io.memberflow.domain.BillingSnapshot;

import java.util.List;

/**
 * What a read after a burst saw.
 *
 * @param snapshot         Stripe's state for the customer
 * @param coveredEventIds  the customer's most recent events that were already recorded in the inbox when the read
 *                         began: Stripe sends an event only after the change it reports, so the snapshot reflects
 *                         each of them and none needs a read of its own
 */
public record BillingRead(BillingSnapshot snapshot, List<String> coveredEventIds) {
    public BillingRead {
        coveredEventIds = coveredEventIds == null ? List.of() : List.copyOf(coveredEventIds);
    }
}
