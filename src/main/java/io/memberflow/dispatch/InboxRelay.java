package io.memberflow.dispatch;

import io.memberflow.config.RelayProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The safety net behind {@link EventDispatcher}: claims recorded events that are due (never delivered, their
 * lease over after a crash, or a failed try whose backoff has passed: 2 s doubling to {@link #MAX_BACKOFF}) and
 * hands them to the dispatcher. Claims are leased with {@code FOR UPDATE SKIP LOCKED}, so across replicas a row
 * is delivered by one of them at a time. Delivering twice is harmless: the workflow ignores an event id it has
 * applied.
 */
@Requires(property = "memberflow.role", notEquals = "worker")
@Singleton
public class InboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRelay.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final InboxClaims claims;
    private final EventDispatcher dispatcher;
    private final EventJson json;
    private final int batchSize;
    private final Clock clock = Clock.systemUTC();

    public InboxRelay(InboxClaims claims, EventDispatcher dispatcher, EventJson json, RelayProperties properties) {
        this.claims = claims;
        this.dispatcher = dispatcher;
        this.json = json;
        this.batchSize = properties.batchSize();
    }

    @Scheduled(fixedDelay = "${memberflow.relay.interval}", initialDelay = "${memberflow.relay.interval}")
    void scheduled() {
        try {
            relayDue();
        } catch (RuntimeException e) {
            LOG.warn("Inbox relay pass failed: {}", e.getMessage());
        }
    }

    /** One pass: claims due events (no more than the dispatcher can queue) and hands them over; returns how many. */
    public int relayDue() {
        int room = Math.min(batchSize, dispatcher.capacity());
        if (room <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<InboxClaims.Claimed> due = claims.claimDue(now, now.plus(EventDispatcher.LEASE), room);
        int handed = 0;
        for (InboxClaims.Claimed row : due) {
            if (row.normalized() != null && dispatcher.submitClaimed(json.read(row.normalized()), row.attempts())) {
                handed++;
            }
        }
        if (handed > 0) {
            LOG.info("Relay handed {} pending event(s) to the dispatcher", handed);
        }
        return handed;
    }

    /** How long to wait before the next try after {@code attempts} failed ones: 2 s doubling to {@link #MAX_BACKOFF}. */
    public static Duration backoff(int attempts) {
        long seconds = 2L << Math.min(Math.max(attempts - 1, 0), 20);
        return seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }
}
