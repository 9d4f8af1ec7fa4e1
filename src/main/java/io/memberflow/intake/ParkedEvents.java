package io.memberflow.intake;

import io.memberflow.config.RelayProperties;
import io.memberflow.config.WebRole;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxRelay;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Events parked as NEEDS_CUSTOMER (a dispute whose payload names only its charge): with STRIPE_API_KEY set, every
 * relay interval looks their charge's customer up in Stripe and turns the ones found into ordinary undelivered
 * events, which the relay then delivers in the same pass. Not found: tried again later, backing off
 * ({@link Inbox#PARKED_TRIES} tries).
 */
@WebRole
@Singleton
public class ParkedEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedEvents.class);

    private final Inbox inbox;
    private final StripeLookups stripe;
    private final StripeEventReader reader;
    private final InboxRelay relay;
    private final int batchSize;

    public ParkedEvents(Inbox inbox, StripeLookups stripe, StripeEventReader reader, InboxRelay relay,
                        RelayProperties properties) {
        this.inbox = inbox;
        this.stripe = stripe;
        this.reader = reader;
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
        for (Inbox.Parked row : inbox.parkedDue(batchSize)) {
            EventFacts facts = reader.read(row.payload().getBytes(StandardCharsets.UTF_8));
            String customer = facts.chargeToResolve() == null ? null
                    : stripe.customerOfCharge(facts.chargeToResolve()).orElse(null);
            if (customer == null) {
                inbox.parkedNotFound(row);
                continue;
            }
            inbox.customerFound(row.eventId(), facts.toBillingEvent(customer));
            LOG.info("Found customer {} for parked event {}", customer, row.eventId());
            found++;
        }
        return found;
    }
}
