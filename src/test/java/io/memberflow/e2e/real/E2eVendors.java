package io.memberflow.e2e.real;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StandIn;
import io.memberflow.standin.StripeStandIn;

import java.io.IOException;
import java.time.Duration;

/**
 * The shared, faithful vendor stand-ins the end-to-end suite runs memberflow against: Circle (access group 101),
 * Kit (plan tag 9001, past-due tag 9100) and the Stripe API (key {@code sk_test_e2e}), each on its own loopback port.
 */
final class E2eVendors implements AutoCloseable {
    static final String CIRCLE_TOKEN = "good-circle-token";
    final CircleStandIn circle;
    final KitStandIn kit;
    final StripeStandIn stripe;

    E2eVendors() throws IOException {
        circle = new CircleStandIn(CIRCLE_TOKEN, Duration.ZERO, 0, 0).accessGroup(101);
        kit = new KitStandIn("kit-key", Duration.ZERO, 0, 0).tag(9001, 9100);
        stripe = new StripeStandIn("sk_test_e2e", Duration.ZERO, 0);
    }

    String circleUrl() {
        return circle.baseUrl();
    }

    String kitUrl() {
        return kit.baseUrl();
    }

    String stripeUrl() {
        return stripe.apiBase();
    }

    /** What the Stripe API holds for a customer: its e-mail and one subscription on one price. */
    void stripe(String customer, String email, String subscription, String status, String price) {
        ObjectNode c = StandIn.JSON.createObjectNode();
        c.put("id", customer).put("object", "customer").put("email", email).put("name", "E2E").put("created", 1_760_000_000L);
        stripe.putCustomer(c);
        ObjectNode s = StandIn.JSON.createObjectNode();
        s.put("id", subscription).put("object", "subscription").put("customer", customer).put("status", status)
                .put("created", 1_760_000_000L).put("cancel_at_period_end", false);
        ObjectNode items = s.putObject("items");
        items.put("object", "list");
        ObjectNode item = items.putArray("data").addObject();
        item.put("id", "si_" + subscription).put("object", "subscription_item").put("current_period_end", 1_900_000_000L);
        item.putObject("price").put("id", price).put("object", "price");
        stripe.putSubscription(s);
    }

    @Override
    public void close() {
        circle.close();
        kit.close();
        stripe.close();
    }
}
