package io.memberflow.intake;

import io.memberflow.config.RelayProperties;
import io.memberflow.dispatch.EventJson;
import io.memberflow.dispatch.InboxRelay;
import io.memberflow.persistence.InboxEvent;
import io.memberflow.persistence.InboxRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Events parked as NEEDS_CUSTOMER (a dispute whose payload names only its charge): with STRIPE_API_KEY set, every
 * relay interval looks their charge's customer up in Stripe and turns the ones found into ordinary undelivered
 * events, which the relay then delivers in the same pass. Not found: tried again later, backing off (20 tries).
 */
@Requires(property = "memberflow.role", notEquals = "worker")
@Singleton
public class ParkedEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedEvents.class);

    private final InboxRepository inbox;
    private final StripeLookups stripe;
    private final StripeEventReader reader;
    private final EventJson json;
    private final InboxRelay relay;
    private final int batchSize;
    private final Clock clock = Clock.systemUTC();

    public ParkedEvents(InboxRepository inbox, StripeLookups stripe, StripeEventReader reader, EventJson json,
                        InboxRelay relay, RelayProperties properties) {
        this.inbox = inbox;
        this.stripe = stripe;
        this.reader = reader;
        this.json = json;
        this.relay = relay;
        this.batchSize = properties.batchSize();
    }

    @Scheduled(fixedDelay = "${memberflow.relay.interval}", initialDelay = "${memberflow.relay.interval}")
    void scheduled() {
        try {
            if (resolve() > 0) {
                relay.relayDue();
            }
        } catch (RuntimeException e) {
            LOG.warn("Parked event pass failed: {}", e.getMessage());
        }
    }

    /** Looks up the customer of each parked event that is due; returns how many were found. */
    public int resolve() {
        if (!stripe.enabled()) {
            return 0;
        }
        int found = 0;
        for (InboxEvent row : inbox.findParkedDue(clock.instant(), batchSize)) {
            EventFacts facts = reader.read(row.payload().getBytes(StandardCharsets.UTF_8));
            String customer = facts.chargeToResolve() == null ? null
                    : stripe.customerOfCharge(facts.chargeToResolve()).orElse(null);
            if (customer == null) {
                inbox.markAttemptFailed(row.eventId(),
                        clock.instant().plus(InboxRelay.backoff(row.attempts() + 1).multipliedBy(10)),
                        "customer not found through Stripe");
                continue;
            }
            inbox.markCustomerFound(row.eventId(), customer, json.write(facts.toBillingEvent(customer)), clock.instant());
            LOG.info("Found customer {} for parked event {}", customer, row.eventId());
            found++;
        }
        return found;
    }
}
