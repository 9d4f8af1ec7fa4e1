package io.memberflow.intake;

import io.micronaut.context.annotation.Requires;
import io.memberflow.config.RelayProperties;
import io.memberflow.persistence.InboxEvent;
import io.memberflow.persistence.InboxRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Re-delivers recorded events that did not reach Temporal (it was down, or the process died between
 * recording and delivering), oldest first, with exponential backoff per event (2 s doubling to 5 min).
 * Delivering twice is harmless: the workflow ignores an event id it has applied.
 */
@Requires(property = "memberflow.role", notEquals = "worker")
@Singleton
public class InboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(InboxRelay.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final InboxRepository inbox;
    private final EventIntake intake;
    private final StripeLookups stripe;
    private final StripeEventReader reader;
    private final int batchSize;

    public InboxRelay(InboxRepository inbox, EventIntake intake, StripeLookups stripe, StripeEventReader reader,
                      RelayProperties properties) {
        this.inbox = inbox;
        this.intake = intake;
        this.stripe = stripe;
        this.reader = reader;
        this.batchSize = properties.batchSizeOrDefault();
    }

    @Scheduled(fixedDelay = "${memberflow.relay.interval:5s}", initialDelay = "${memberflow.relay.interval:5s}")
    void scheduled() {
        try {
            resolveParked();
            relayDue();
        } catch (RuntimeException e) {
            LOG.warn("Inbox relay pass failed: {}", e.getMessage());
        }
    }

    /** One pass over due events; returns how many were delivered. */
    public int relayDue() {
        List<InboxEvent> due = inbox.findDue(intake.now(), batchSize);
        int delivered = 0;
        for (InboxEvent row : due) {
            if (row.normalized() == null) {
                continue;
            }
            try {
                intake.deliverOnly(intake.fromJson(row.normalized()));
                inbox.markDispatched(row.eventId(), intake.now());
                delivered++;
            } catch (RuntimeException e) {
                Duration backoff = backoff(row.attempts() + 1);
                inbox.markAttemptFailed(row.eventId(), intake.now().plus(backoff), EventIntake.shorten(e.getMessage()));
                LOG.warn("Relay could not deliver {} (attempt {}): {}; next try in {}s", row.eventId(),
                        row.attempts() + 1, e.getClass().getSimpleName(), backoff.toSeconds());
                break; // Temporal is most likely down: do not hammer it with the rest of the batch
            }
        }
        if (delivered > 0) {
            LOG.info("Relay delivered {} pending event(s)", delivered);
        }
        return delivered;
    }

    /**
     * With STRIPE_API_KEY set, looks up the customer of events parked as NEEDS_CUSTOMER (a dispute whose charge
     * Stripe could not resolve at delivery, or that arrived before the key was configured) and turns the ones found
     * into ordinary undelivered events. Returns how many were found.
     */
    public int resolveParked() {
        if (!stripe.enabled()) {
            return 0;
        }
        int found = 0;
        for (InboxEvent row : inbox.findParkedDue(intake.now(), batchSize)) {
            EventFacts facts = reader.read(row.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
