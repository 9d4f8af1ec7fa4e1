package io.memberflow.intake;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Subscription;
import io.memberflow.config.StripeProperties;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads from the Stripe API when STRIPE_API_KEY is set (STRIPE_API_BASE overrides the base URL): the customer
 * of a charge, for disputes whose payload names none; and the current state of a subscription, so that an
 * event acts on what Stripe says now rather than on a snapshot that may be stale (Stripe's own advice, since
 * deliveries are unordered). Without a key, or when Stripe does not answer, callers keep what the payload says.
 */
@Singleton
public class StripeLookups {
    private static final Logger LOG = LoggerFactory.getLogger(StripeLookups.class);
    private final StripeClient client;
    private final StripeEventReader reader;
    private final Clock clock = Clock.systemUTC();

    public StripeLookups(StripeProperties properties, StripeEventReader reader) {
        this.reader = reader;
        if (properties.hasApiKey()) {
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(properties.apiKey())
                    .setConnectTimeout(3_000)
                    .setReadTimeout(5_000)
                    .setMaxNetworkRetries(1);
            if (properties.apiBase() != null && !properties.apiBase().isBlank()) {
                builder.setApiBase(properties.apiBase());
            }
            client = builder.build();
        } else {
            client = null;
        }
    }

    public boolean enabled() {
        return client != null;
    }

    /** The customer id of a charge, or empty when it has none, no API key is set, or Stripe cannot answer. */
    public Optional<String> customerOfCharge(String chargeId) {
        if (client == null || chargeId == null) {
            return Optional.empty();
        }
        try {
            Charge charge = client.v1().charges().retrieve(chargeId);
            return Optional.ofNullable(charge.getCustomer());
        } catch (StripeException e) {
            LOG.warn("Stripe could not resolve the customer of charge {}: HTTP {} {}", chargeId, e.getStatusCode(), e.getCode());
            return Optional.empty();
        }
    }

    /**
     * For a subscription event: the same facts with status, cancellation, period end and prices as Stripe has
     * them now, dated now (so the fresher truth wins over older snapshots). Unchanged facts otherwise.
     */
    public EventFacts current(EventFacts facts) {
        if (client == null || facts.subscriptionId() == null || !facts.type().startsWith("customer.subscription.")) {
            return facts;
        }
        try {
            Subscription subscription = client.v1().subscriptions().retrieve(facts.subscriptionId());
            JsonObject raw = subscription.getRawJsonObject();
            String event = "{\"id\":\"" + facts.eventId() + "\",\"type\":\"" + facts.type() + "\",\"created\":"
                    + clock.instant().getEpochSecond() + ",\"data\":{\"object\":" + raw + "}}";
            EventFacts now = reader.read(event.getBytes(StandardCharsets.UTF_8));
            LOG.info("Subscription {} read from Stripe: {} (event said {})", facts.subscriptionId(),
                    now.subscriptionStatus(), facts.subscriptionStatus());
            return new EventFacts(facts.eventId(), facts.type(), now.created(), facts.apiVersion(), facts.customerId(),
                    facts.chargeToResolve(), facts.email(), facts.name(), facts.subscriptionId(),
                    now.subscriptionStatus(), now.priceIds(), now.cancelAtPeriodEnd(), now.currentPeriodEnd(),
                    now.subscriptionCreated(), facts.checkoutMode(), facts.paymentStatus(), facts.amount(),
                    facts.amountPaid(), facts.amountRefunded(), facts.chargeId(), facts.invoiceId(), facts.disputeId(),
                    facts.disputeStatus(), facts.disputeReason());
        } catch (StripeException | RuntimeException e) {
            LOG.warn("Could not read subscription {} from Stripe ({}); using the event's snapshot",
                    facts.subscriptionId(), e.getClass().getSimpleName());
            return facts;
        }
    }
}
