package io.memberflow.intake;

import com.stripe.net.Webhook;
import io.memberflow.config.WebRole;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Before the HTTP port opens (Micronaut opens it after the start-up event), takes
 * {@code memberflow.intake.warm-up-deliveries} made-up signup deliveries through {@link EventIntake#rehearse}: signed
 * with the first webhook secret, checked, read, and inserted into the inbox in a transaction that is rolled back.
 * The first real webhooks then find the intake's beans made, its classes loaded and much of its code compiled;
 * without this, a cold start answered most webhooks of its first second in over 50 ms (bench/RESULTS.md, "A gentle
 * start"). Nothing is recorded, handed on or logged except one summary line; ids start with {@code evt_warm_up_}.
 * Best effort: a failure ends the rehearsal with a warning and the start goes on. {@code 0} turns it off.
 */
@Singleton
@WebRole
class IntakeRehearsal implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRehearsal.class);

    /** A signup's three events, in the shapes of Stripe's API reference; {@code %1$s} an index, {@code %2$d} now. */
    private static final List<String> SIGNUP = List.of("""
            {"id":"evt_warm_up_c%1$s","object":"event","type":"checkout.session.completed","created":%2$d,\
            "data":{"object":{"id":"cs_warm_up_%1$s","object":"checkout.session","customer":"cus_warm_up_%1$s",\
            "customer_details":{"email":"warm-up@memberflow.invalid","name":"Warm Up"},"mode":"subscription",\
            "payment_status":"paid","status":"complete","subscription":"sub_warm_up_%1$s","amount_total":1000}}}""", """
            {"id":"evt_warm_up_s%1$s","object":"event","type":"customer.subscription.created","created":%2$d,\
            "data":{"object":{"id":"sub_warm_up_%1$s","object":"subscription","customer":"cus_warm_up_%1$s",\
            "status":"active","cancel_at_period_end":false,"items":{"object":"list","data":[{"id":"si_warm_up_%1$s",\
            "object":"subscription_item","current_period_end":%2$d,"price":{"id":"price_warm_up","object":"price"}}]}}}}""", """
            {"id":"evt_warm_up_i%1$s","object":"event","type":"invoice.paid","created":%2$d,\
            "data":{"object":{"id":"in_warm_up_%1$s","object":"invoice","customer":"cus_warm_up_%1$s",\
            "subscription":"sub_warm_up_%1$s","amount_paid":1000,"billing_reason":"subscription_create",\
            "status":"paid","lines":{"object":"list","data":[{"id":"il_warm_up_%1$s","object":"line_item",\
            "amount":1000,"price":{"id":"price_warm_up","object":"price"}}]}}}}""");

    private final EventIntake intake;
    private final List<String> secrets;
    private final int deliveries;
    private volatile int rehearsed;

    IntakeRehearsal(EventIntake intake, WebhookSecrets secrets,
                    @Value("${memberflow.intake.warm-up-deliveries}") int deliveries) {
        this.intake = intake;
        this.secrets = secrets.secrets();
        this.deliveries = deliveries;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (deliveries <= 0 || secrets.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        int done = 0;
        try {
            for (; done < deliveries; done++) {
                long now = System.currentTimeMillis() / 1000;
                String json = String.format(SIGNUP.get(done % SIGNUP.size()), done / SIGNUP.size(), now);
                intake.rehearse(json.getBytes(StandardCharsets.UTF_8), signature(json, now));
                rehearsed = done + 1;
            }
        } catch (RuntimeException e) {
            LOG.warn("Webhook intake rehearsal stopped after {} of {} deliveries ({}); starting anyway", done, deliveries,
                    e.getClass().getSimpleName());
            return;
        }
        LOG.info("Webhook intake rehearsed {} deliveries in {} ms before opening the port (nothing recorded)", done,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** How many deliveries the start-up rehearsal took through the intake. */
    int rehearsed() {
        return rehearsed;
    }

    /** A {@code Stripe-Signature} header for {@code json} at {@code now}, as Stripe computes it. */
    private String signature(String json, long now) {
        try {
            return "t=" + now + ",v1=" + Webhook.Util.computeHmacSha256(secrets.get(0), now + "." + json);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
