package io.memberflow.inbox;

import io.memberflow.config.RelayProperties;
import io.memberflow.config.WebRole;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The safety net behind the {@link EventSink}: every {@code memberflow.relay.interval} claims recorded events that
 * are due (never delivered, their lease over after a crash, or a failed try whose {@link Inbox#backoff} has passed)
 * and offers them to the sink. Claims are leased with {@code FOR UPDATE SKIP LOCKED}, so across replicas a row is
 * delivered by one of them at a time. Delivering twice is harmless: the workflow ignores an event id it has applied.
 */
@WebRole
@Singleton
public class InboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRelay.class);

    private final InboxClaims claims;
    private final EventSink sink;
    private final EventJson json;
    private final int batchSize;
    private final Clock clock = Clock.systemUTC();

    InboxRelay(InboxClaims claims, EventSink sink, EventJson json, RelayProperties properties) {
        this.claims = claims;
        this.sink = sink;
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

    /** One pass: claims due events (no more than the sink has room for) and offers them; returns how many it took. */
    public int relayDue() {
        int room = Math.min(batchSize, sink.room());
        if (room <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<InboxClaims.Claimed> due = claims.claimDue(now, now.plus(Inbox.LEASE), room);
        int handed = 0;
        for (InboxClaims.Claimed row : due) {
            if (row.normalized() != null && sink.offer(json.read(row.normalized()), row.attempts())) {
                handed++;
            }
        }
        if (handed > 0) {
            LOG.info("Relay handed {} pending event(s) to the dispatcher", handed);
        }
        return handed;
    }
}
