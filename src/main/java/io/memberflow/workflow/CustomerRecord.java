package io.memberflow.workflow;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a customer's workflow knows, in one serialisable record: it is what the {@code state} query
 * returns and what continue-as-new carries. {@code recentEventIds} (newest last, at most
 * {@link #RECENT_EVENT_IDS}) makes event delivery idempotent across runs.
 */
public record CustomerRecord(String customerId,
                             long eventsApplied,
                             @Nullable String lastEventId,
                             @Nullable String lastEventType,
                             @Nullable Long lastEventAt,
                             List<String> recentEventIds) {

    public static final int RECENT_EVENT_IDS = 1000;

    public static CustomerRecord initial(String customerId) {
        return new CustomerRecord(customerId, 0, null, null, null, List.of());
    }

    public boolean hasApplied(String eventId) {
        return recentEventIds.contains(eventId);
    }

    /** This record after applying one more event (by id, type, Stripe created time in epoch seconds). */
    public CustomerRecord recording(String eventId, String type, long created) {
        List<String> ids = new ArrayList<>(recentEventIds);
        ids.add(eventId);
        if (ids.size() > RECENT_EVENT_IDS) {
            ids = ids.subList(ids.size() - RECENT_EVENT_IDS, ids.size());
        }
        return new CustomerRecord(customerId, eventsApplied + 1, eventId, type, created, List.copyOf(ids));
    }
}
