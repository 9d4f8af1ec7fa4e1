package io.memberflow.intake;

import io.memberflow.config.RelayProperties;
import io.memberflow.persistence.InboxEvent;
import io.memberflow.persistence.InboxRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The safety net behind {@link EventDispatcher}: claims recorded events that are due (never delivered, their
 * lease over after a crash, or a failed try whose backoff has passed: 2 s doubling to {@link #MAX_BACKOFF}) and
 * hands them to the dispatcher. Claims are leased with {@code FOR UPDATE SKIP LOCKED}, so across replicas a row
 * is delivered by one of them at a time. Delivering twice is harmless: the workflow ignores an event id it has
 * applied. It also resolves the customer of parked disputes through Stripe.
 */
@Requires(property = "memberflow.role", notEquals = "worker")
@Singleton
public class InboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRelay.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final InboxRepository inbox;
    private final InboxClaims claims;
    private final EventDispatcher dispatcher;
    private final EventIntake intake;
    private final StripeLookups stripe;
    private final StripeEventReader reader;
    private final int batchSize;

    public InboxRelay(InboxRepository inbox, InboxClaims claims, EventDispatcher dispatcher, EventIntake intake,
                      StripeLookups stripe, StripeEventReader reader, RelayProperties properties) {
        this.inbox = inbox;
        this.claims = claims;
        this.dispatcher = dispatcher;
        this.intake = intake;
        this.stripe = stripe;
        this.reader = reader;
        this.batchSize = properties.batchSizeOrDefault();
    }

    @Scheduled(fixedDelay = "${memberflow.relay.interval:1s}", initialDelay = "${memberflow.relay.interval:1s}")
    void scheduled() {
        try {
            resolveParked();
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
        Instant now = intake.now();
        List<InboxClaims.Claimed> due = claims.claimDue(now, now.plus(EventDispatcher.LEASE), room);
        int handed = 0;
        for (InboxClaims.Claimed row : due) {
            if (row.normalized() != null && dispatcher.submitClaimed(intake.fromJson(row.normalized()), row.attempts())) {
                handed++;
            }
        }
        if (handed > 0) {
            LOG.info("Relay handed {} pending event(s) to the dispatcher", handed);
        }
        return handed;
    }

    /**
     * With STRIPE_API_KEY set, looks up the customer of events parked as NEEDS_CUSTOMER (a dispute whose payload
     * names only its charge) and turns the ones found into ordinary undelivered events. Returns how many were found.
     */
    public int resolveParked() {
        if (!stripe.enabled()) {
            return 0;
        }
        int found = 0;
        for (InboxEvent row : inbox.findParkedDue(intake.now(), batchSize)) {
            EventFacts facts = reader.read(row.payload().getBytes(StandardCharsets.UTF_8));
            String customer = facts.chargeToResolve() == null ? null
                    : stripe.customerOfCharge(facts.chargeToResolve()).orElse(null);
            if (customer == null) {
                inbox.markAttemptFailed(row.eventId(), intake.now().plus(backoff(row.attempts() + 1).multipliedBy(10)),
                        "customer not found through Stripe");
                continue;
            }
            inbox.markCustomerFound(row.eventId(), customer, intake.toJson(facts.toBillingEvent(customer)), intake.now());
            LOG.info("Found customer {} for parked event {}", customer, row.eventId());
            found++;
        }
        return found;
    }

    static Duration backoff(int attempts) {
        long seconds = 2L << Math.min(Math.max(attempts - 1, 0), 20);
        return seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }
}
