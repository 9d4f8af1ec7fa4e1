package io.memberflow.intake;

import io.memberflow.domain.BillingEvent;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxStatus;
import io.memberflow.workflow.CustomerWorkflow;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;

/**
 * Accepts one signed Stripe delivery: verify, read, record in the {@link Inbox} with one {@code INSERT … ON CONFLICT
 * DO NOTHING}, answer. Nothing else is on the request path: no Stripe call and no Temporal call, so the answer
 * depends on the database alone. Recording is the commitment; the inbox then hands the event on (see {@link Inbox}).
 * <p>
 * In every role: the {@code worker} role records the events its catch-up finds through {@link #recordTrusted}
 * (it has no webhook endpoint and no dispatcher); such a row is due at once, and the relay of a web process
 * delivers it within {@code memberflow.relay.interval}.
 */
@Singleton
public class EventIntake {
    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);

    /** How a delivery was taken. */
    public enum Outcome { RECORDED, DUPLICATE, IGNORED, NEEDS_CUSTOMER }

    private final SignatureVerifier verifier;
    private final StripeEventReader reader;
    private final Inbox inbox;

    public EventIntake(SignatureVerifier verifier, StripeEventReader reader, Inbox inbox) {
        this.verifier = verifier;
        this.reader = reader;
        this.inbox = inbox;
    }

    /**
     * @throws InvalidSignatureException bad or missing signature (final)
     * @throws MalformedEventException signed but unusable body (final)
     * @throws io.micronaut.data.exceptions.DataAccessException the inbox cannot be written: Stripe should retry
     */
    public Outcome accept(byte[] body, String signatureHeader) {
        verifier.verify(body, signatureHeader);
        return recordTrusted(body);
    }

    /**
     * Records an event that needs no signature because memberflow read it from Stripe's API itself (the catch-up
     * of missed webhooks): the same reading, the same {@code INSERT … ON CONFLICT DO NOTHING} by event id and the
     * same hand-off as a webhook delivery, so an event taken both ways is recorded and delivered once.
     *
     * @throws MalformedEventException when the JSON is not a usable Stripe event
     */
    public Outcome recordTrusted(byte[] json) {
        EventFacts facts = reader.read(json);
        MDC.put("eventId", facts.eventId());
        try {
            return record(facts, json);
        } finally {
            MDC.remove("eventId");
            MDC.remove("customerId");
            MDC.remove("workflowId");
        }
    }

    /**
     * Takes a delivery as {@link #accept} does (signature, reading, the inbox's insert) except that the insert is
     * rolled back, and nothing is handed on or logged: warms the path before memberflow reports ready
     * ({@link IntakeRehearsal}).
     *
     * @throws InvalidSignatureException as {@link #accept}
     * @throws MalformedEventException as {@link #accept}
     */
    public void rehearse(byte[] body, String signatureHeader) {
        verifier.verify(body, signatureHeader);
        EventFacts facts = reader.read(body);
        InboxStatus status = statusOf(facts);
        inbox.rehearse(facts.eventId(), facts.type(), facts.customerId(), status, eventOf(facts, status),
                new String(body, StandardCharsets.UTF_8));
    }

    private static InboxStatus statusOf(EventFacts facts) {
        if (!StripeEventReader.HANDLED_TYPES.contains(facts.type())) {
            return InboxStatus.IGNORED;
        }
        return facts.customerId() == null ? InboxStatus.NEEDS_CUSTOMER : InboxStatus.RECEIVED;
    }

    /** The normalised event a RECEIVED row carries; none for the others. */
    private static BillingEvent eventOf(EventFacts facts, InboxStatus status) {
        return status == InboxStatus.RECEIVED ? facts.toBillingEvent(facts.customerId()) : null;
    }

    private Outcome record(EventFacts facts, byte[] body) {
        String customerId = facts.customerId();
        InboxStatus status = statusOf(facts);
        if (customerId != null) {
            MDC.put("customerId", customerId);
            MDC.put("workflowId", CustomerWorkflow.workflowId(customerId));
        }
        if (!inbox.record(facts.eventId(), facts.type(), customerId, status, eventOf(facts, status),
                new String(body, StandardCharsets.UTF_8))) {
            LOG.info("Duplicate delivery of {} ({}) acknowledged", facts.eventId(), facts.type());
            return Outcome.DUPLICATE;
        }
        return switch (status) {
            case IGNORED -> {
                LOG.info("Recorded {} ({}): type not acted on", facts.eventId(), facts.type());
                yield Outcome.IGNORED;
            }
            case NEEDS_CUSTOMER -> {
                LOG.warn("Recorded {} ({}) without a customer: parked; the relay looks its charge up in Stripe when"
                        + " STRIPE_API_KEY is set", facts.eventId(), facts.type());
                yield Outcome.NEEDS_CUSTOMER;
            }
            default -> Outcome.RECORDED;
        };
    }
}
