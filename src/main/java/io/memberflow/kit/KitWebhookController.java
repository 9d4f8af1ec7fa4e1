package io.memberflow.kit;

import io.memberflow.config.WebRole;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.intake.InvalidSignatureException;
import io.memberflow.observability.Metrics;
import io.memberflow.web.ErrorBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /webhooks/kit}: deliveries of a Kit webhook endpoint (v4 {@code /webhook_endpoints}, signed with
 * {@code KIT_WEBHOOK_SECRET}). Kit retries every answer that is not 2xx, except 410, eight times over about 41 hours,
 * always re-sending the whole batch (developers.kit.com/webhooks/retries). So once the signature holds the answer is
 * 200: each usable event is taken once by its id (unsubscribes, bounces and complaints record the subscriber, whom
 * {@code KitMarketing.addTags} then skips), and the events that cannot be used are counted and logged, by position
 * and id, never by address; refusing the batch would only make Kit re-send its valid events for two days and then
 * drop them. Answers that make Kit retry, on purpose: 400 for a signature that does not hold (a wrong or rolled
 * secret: Kit re-signs each retry, so fixing the secret within 41 h recovers the deliveries), 503 when the database
 * is down, and 404 while no secret is set (not 410, which would make Kit drop each delivery at once). Nothing here
 * changes access.
 */
@WebRole
@Controller("/webhooks/kit")
public class KitWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(KitWebhookController.class);

    private final KitSignature signature;
    private final KitSuppressions suppressions;
    private final ObjectMapper mapper;
    private final Metrics metrics;

    public KitWebhookController(KitSignature signature, KitSuppressions suppressions, ObjectMapper mapper, Metrics metrics) {
        this.signature = signature;
        this.suppressions = suppressions;
        this.mapper = mapper;
        this.metrics = metrics;
        if (!signature.enabled()) {
            LOG.info("KIT_WEBHOOK_SECRET is not set: /webhooks/kit answers 404 (Kit keeps retrying a delivery for about"
                    + " 41 h, so deliveries made before the secret is set still arrive)");
        }
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> receive(@Nullable @Body byte[] body, @Nullable @Header("X-Kit-Signature") String header) {
        if (!signature.enabled()) {
            return ErrorBodies.of(HttpStatus.NOT_FOUND, "kit_webhooks_disabled", "set KIT_WEBHOOK_SECRET to receive Kit webhooks");
        }
        byte[] raw = body == null ? new byte[0] : body;
        signature.verify(raw, header);
        KitEvents.Delivery delivery = KitEvents.read(mapper, raw);
        int recorded = 0;
        int duplicates = 0;
        int suppressed = 0;
        Instant now = Instant.now();
        for (KitEvents.KitEvent event : delivery.events()) {
            if (!suppressions.take(event, now)) {
                duplicates++;
                continue;
            }
            recorded++;
            if (event.reason() != null) {
                suppressed++;
                LOG.info("Kit event {} ({}): subscriber {} {}; memberflow adds no more Kit tags to them", event.id(),
                        event.type(), event.subscriberId() == null ? "(id not sent)" : event.subscriberId(), event.reason());
            }
        }
        for (String problem : delivery.unusable()) {
            LOG.warn("Kit delivery {}: {}; skipped, the rest of the batch is applied", delivery.deliveryId(), problem);
        }
        metrics.kitWebhookEvent("recorded", recorded);
        metrics.kitWebhookEvent("duplicate", duplicates);
        metrics.kitWebhookEvent("unusable", delivery.unusable().size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", delivery.events().size() + delivery.unusable().size());
        answer.put("recorded", recorded);
        answer.put("duplicates", duplicates);
        answer.put("suppressed", suppressed);
        answer.put("unusable", delivery.unusable().size());
        return HttpResponse.ok(answer);
    }

    @Error(exception = InvalidSignatureException.class)
    HttpResponse<?> invalidSignature(InvalidSignatureException e) {
        LOG.warn("Rejected a Kit webhook: {}", e.getMessage());
        return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_signature", e.getMessage());
    }

    @Error(exception = IllegalStateException.class)
    HttpResponse<?> unavailable(IllegalStateException e) {
        LOG.error("Could not record a Kit webhook, answering 503 so Kit retries: {}", e.getMessage());
        return ErrorBodies.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "event not recorded; retry later");
    }
}
