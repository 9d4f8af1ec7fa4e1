package io.memberflow.intake;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The one Stripe read outside the workflow: the customer of a charge, for disputes whose payload names none. It
 * runs in the relay, never on the webhook's request path. Without STRIPE_API_KEY, or when Stripe cannot answer,
 * the event stays parked as NEEDS_CUSTOMER and is tried again later.
 */
@Singleton
public class StripeLookups {
    private static final Logger LOG = LoggerFactory.getLogger(StripeLookups.class);
    private final StripeClient client;

    /** The Stripe client bean of {@code VendorClients}, present only when STRIPE_API_KEY is set. */
    public StripeLookups(Optional<StripeClient> client) {
        this.client = client.orElse(null);
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
}
