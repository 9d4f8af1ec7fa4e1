package io.memberflow.inbox;

import java.time.Instant;
import java.util.List;

/**
 * The inbox as the admin console shows it.
 *
 * @param perMinute events received in each of the last 60 minutes, oldest first
 */
public record InboxHealth(Instant lastReceivedAt, Instant lastDispatchedAt, long relayBacklog,
                          Instant oldestBacklogAt, long parkedCount, List<ParkedEvent> parked, int[] perMinute) {

    /** An event parked without a Stripe customer. */
    public record ParkedEvent(String eventId, String eventType, Instant receivedAt, int attempts, String lastError) {
    }
}
