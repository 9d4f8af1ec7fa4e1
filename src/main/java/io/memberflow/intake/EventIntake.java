package io.memberflow.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.domain.BillingEvent;
import io.memberflow.persistence.InboxRepository;
import io.memberflow.persistence.InboxStatus;
import io.memberflow.workflow.WorkflowGateway;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Accepts one signed Stripe delivery: verify, read, record in the inbox (once per event id), then hand the
 * event to its customer's workflow. Recording is the commitment: once a row exists the event is delivered
 * eventually, by this call or by {@link InboxRelay}.
 */
@Singleton
public class EventIntake {
    private static final Logger LOG = LoggerFactory.getLogger(EventIntake.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    /** How a delivery was taken. */
    public enum Outcome { DISPATCHED, QUEUED, DUPLICATE, IGNORED, NEEDS_CUSTOMER }

    private final SignatureVerifier verifier;
    private final StripeEventReader reader;
    private final StripeLookups stripe;
    private final InboxRepository inbox;
    private final WorkflowGateway gateway;
    private final ObjectMapper mapper;
    private final Clock clock;

    public EventIntake(SignatureVerifier verifier, StripeEventReader reader, StripeLookups stripe,
                       InboxRepository inbox, WorkflowGateway gateway, ObjectMapper mapper) {
        this.verifier = verifier;
        this.reader = reader;
        this.stripe = stripe;
        this.inbox = inbox;
        this.gateway = gateway;
        this.mapper = mapper;
        this.clock = Clock.systemUTC();
    }

    /**
     * @throws InvalidSignatureException bad or missing signature (final)
     * @throws MalformedEventException signed but unusable body (final)
     * @throws io.micronaut.data.exceptions.DataAccessException the inbox cannot be written: Stripe should retry
     */
    public Outcome accept(byte[] body, String signatureHeader) {
        verifier.verify(body, signatureHeader);
        EventFacts facts = reader.read(body);
        MDC.put("eventId", facts.eventId());
        try {
            return record(facts, body);
        } finally {
            MDC.remove("eventId");
            MDC.remove("customerId");
            MDC.remove("workflowId");
        }
    }

    private Outcome record(EventFacts delivered, byte[] body) {
        if (inbox.existsById(delivered.eventId())) {
            LOG.info("Duplicate delivery of {} ({}) acknowledged", delivered.eventId(), delivered.type());
            return Outcome.DUPLICATE;
        }
        EventFacts facts = StripeEventReader.HANDLED_TYPES.contains(delivered.type()) ? stripe.current(delivered) : delivered;
        InboxStatus status;
        String customerId = facts.customerId();
        if (!StripeEventReader.HANDLED_TYPES.contains(facts.type())) {
            status = InboxStatus.IGNORED;
        } else {
            if (customerId == null && facts.chargeToResolve() != null) {
                customerId = stripe.customerOfCharge(facts.chargeToResolve()).orElse(null);
            }
            status = customerId == null ? InboxStatus.NEEDS_CUSTOMER : InboxStatus.RECEIVED;
        }
        if (customerId != null) {
            MDC.put("customerId", customerId);
            MDC.put("workflowId", io.memberflow.workflow.CustomerWorkflow.workflowId(customerId));
        }
        BillingEvent event = status == InboxStatus.RECEIVED ? facts.toBillingEvent(customerId) : null;
        int inserted = inbox.insertIfAbsent(facts.eventId(), facts.type(), customerId, status.name(),
                event == null ? null : toJson(event), new String(body, StandardCharsets.UTF_8), clock.instant());
        if (inserted == 0) {
            LOG.info("Duplicate delivery of {} ({}) acknowledged", facts.eventId(), facts.type());
            return Outcome.DUPLICATE;
        }
        return switch (status) {
            case IGNORED -> {
                LOG.info("Recorded {} ({}): type not acted on", facts.eventId(), facts.type());
                yield Outcome.IGNORED;
            }
            case NEEDS_CUSTOMER -> {
                LOG.warn("Recorded {} ({}) without a customer: parked for an operator{}", facts.eventId(), facts.type(),
                        stripe.enabled() ? "" : " (set STRIPE_API_KEY to resolve it through Stripe)");
                yield Outcome.NEEDS_CUSTOMER;
            }
            default -> dispatch(event);
        };
    }

    /**
     * Delivers a freshly recorded event. Any failure to reach Temporal leaves the row to {@link InboxRelay}, which
     * retries it with backoff: an accepted event is never dropped. A database failure is rethrown (answered 503).
     */
    Outcome dispatch(BillingEvent event) {
        try {
            gateway.deliver(event);
            inbox.markDispatched(event.eventId(), clock.instant());
            LOG.info("Delivered {} ({}) to customer-{}", event.eventId(), event.type(), event.customerId());
            return Outcome.DISPATCHED;
        } catch (RuntimeException e) {
            if (e instanceof io.micronaut.data.exceptions.DataAccessException) {
                throw e;
            }
            LOG.warn("Temporal did not take {} ({}): {}; the relay will retry", event.eventId(), event.type(),
                    e.getClass().getSimpleName());
            inbox.markAttemptFailed(event.eventId(), clock.instant().plus(FIRST_RETRY), shorten(e.getMessage()));
            return Outcome.QUEUED;
        }
    }

    BillingEvent fromJson(String json) {
        try {
            return mapper.readValue(json, BillingEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox row holds an unreadable event", e);
        }
    }

    void deliverOnly(BillingEvent event) {
        gateway.deliver(event);
    }

    String toJson(BillingEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String shorten(String message) {
        if (message == null) {
            return null;
        }
        return message.length() > 900 ? message.substring(0, 900) : message;
    }

    Instant now() {
        return clock.instant();
    }
}
