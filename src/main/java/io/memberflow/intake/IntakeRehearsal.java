package io.memberflow.intake;

import com.stripe.net.Webhook;
import io.memberflow.config.WebRole;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Right after the HTTP port opens, takes {@code memberflow.intake.warm-up-deliveries} made-up signup deliveries
 * through the whole webhook path: over HTTP to this process's own {@code POST /webhooks/stripe}, signed with the first
 * webhook secret, checked and read, and inserted into the inbox in a transaction that is rolled back
 * ({@link EventIntake#rehearse}). Readiness stays DOWN meanwhile. The first real webhooks then find the server's and
 * the intake's beans made, classes loaded and much of the code compiled; without it, a cold start answered most
 * webhooks of its first seconds in over 50 ms (bench/RESULTS.md, "A gentle start").
 * <p>
 * The controller takes a delivery as a rehearsal only when it carries {@value #HEADER} with this process's random
 * token, and only until the rehearsal ends; such a delivery still needs a valid signature. Nothing is recorded,
 * handed on, counted in the webhook metrics or logged except one summary line; ids start with {@code evt_warm_up_}.
 * Best effort: a failure ends the rehearsal with a warning and readiness goes UP. {@code 0} turns it off.
 */
@Singleton
@WebRole
@Readiness
public class IntakeRehearsal implements ApplicationEventListener<ServerStartupEvent>, HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRehearsal.class);
    static final String HEADER = "Memberflow-Rehearsal";
    private static final int SENDERS = 8;

    private final List<String> secrets;
    private final int deliveries;
    private final byte[] token = new byte[32];
    private volatile boolean open;
    private volatile int rehearsed;

    IntakeRehearsal(WebhookSecrets secrets, @Value("${memberflow.intake.warm-up-deliveries}") int deliveries) {
        this.secrets = secrets.secrets();
        this.deliveries = deliveries;
        new SecureRandom().nextBytes(token);
        this.open = deliveries > 0 && !this.secrets.isEmpty();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!open) {
            return;
        }
        EmbeddedServer server = event.getSource();
        Thread rehearsal = new Thread(() -> rehearse(server), "memberflow-intake-rehearsal");
        rehearsal.setDaemon(true);
        rehearsal.start();
    }

    /** Whether a delivery carrying {@code header} is a rehearsal: this process's token, while the rehearsal runs. */
    public boolean isRehearsal(@Nullable String header) {
        if (!open || header == null || header.length() != token.length * 2) {
            return false;
        }
        try {
            return MessageDigest.isEqual(token, HexFormat.of().parseHex(header));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
    }

    /** How many deliveries the rehearsal took through the intake. */
    int rehearsed() {
        return rehearsed;
    }

    /** Readiness: DOWN while the rehearsal runs. */
    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("intakeRehearsal", open ? HealthStatus.DOWN : HealthStatus.UP).build());
    }

    private void rehearse(EmbeddedServer server) {
        long start = System.nanoTime();
        try (RehearsalSender sender = new RehearsalSender(webhookUri(server), HEADER, HexFormat.of().formatHex(token),
                SENDERS)) {
            rehearsed = sender.send(deliveries, this::signature);
            LOG.info("Webhook intake rehearsed {} deliveries in {} ms before readiness (nothing recorded)", rehearsed,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RehearsalSender.RehearsalFailed e) {
            rehearsed = e.done();
            LOG.warn("Webhook intake rehearsal stopped after {} of {} deliveries ({}); ready anyway", e.done(),
                    deliveries, e.getMessage());
        } finally {
            open = false;
        }
    }

    /** This server's webhook URL; a wildcard bind address is reached on loopback. */
    static URI webhookUri(EmbeddedServer server) {
        String host = server.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("*")) {
            host = "127.0.0.1";
        }
        return URI.create(server.getScheme() + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":" + server.getPort() + "/webhooks/stripe");
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
