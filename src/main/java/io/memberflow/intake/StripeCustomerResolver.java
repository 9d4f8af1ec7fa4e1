package io.memberflow.intake;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import io.memberflow.config.StripeProperties;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Finds the customer of an event whose payload does not name one (a dispute names only its charge) through
 * the Stripe API. Without STRIPE_API_KEY it finds nothing and the event is parked for an operator.
 */
@Singleton
public class StripeCustomerResolver {
    private static final Logger LOG = LoggerFactory.getLogger(StripeCustomerResolver.class);
    private final StripeClient client;

    public StripeCustomerResolver(StripeProperties properties) {
        if (properties.hasApiKey()) {
            StripeClient.StripeClientBuilder builder = StripeClient.builder()
                    .setApiKey(properties.apiKey())
                    .setConnectTimeout(5_000)
                    .setReadTimeout(10_000)
                    .setMaxNetworkRetries(2);
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
}
