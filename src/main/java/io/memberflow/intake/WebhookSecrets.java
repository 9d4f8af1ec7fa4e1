package io.memberflow.intake;

import io.memberflow.config.StripeProperties;
import io.memberflow.config.TemporalProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The Stripe webhook signing secrets in force. Without STRIPE_WEBHOOK_SECRET a fixed local-development
 * secret is used, but only while Temporal is embedded too: a service pointed at a real Temporal refuses to
 * start without a real secret, and refuses the development secret itself, so nobody can forge events against
 * it with the public development secret.
 */
@Context
public class WebhookSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSecrets.class);
    private final List<String> secrets;

    public WebhookSecrets(StripeProperties stripe, TemporalProperties temporal) {
        List<String> configured = stripe.secrets();
        if (!temporal.embedded() && configured.contains(StripeProperties.LOCAL_DEV_SECRET)) {
            throw new ConfigurationException("STRIPE_WEBHOOK_SECRET (memberflow.stripe.webhook-secrets) holds the public "
                    + "local-development secret, which anyone can sign events with; with TEMPORAL_ADDRESS set it must "
                    + "be the endpoint's real whsec_ signing secret");
        }
        if (!configured.isEmpty()) {
            secrets = configured;
            LOG.info("Stripe webhook signatures checked against {} secret(s)", configured.size());
        } else if (temporal.embedded()) {
            secrets = List.of(StripeProperties.LOCAL_DEV_SECRET);
            LOG.warn("STRIPE_WEBHOOK_SECRET is not set: accepting events signed with the local development secret "
                    + "(the one `simulate` uses). Set STRIPE_WEBHOOK_SECRET before taking real traffic.");
        } else {
            throw new ConfigurationException("STRIPE_WEBHOOK_SECRET (memberflow.stripe.webhook-secrets) is required "
                    + "when TEMPORAL_ADDRESS is set");
        }
    }

    public List<String> secrets() {
        return secrets;
    }
}
