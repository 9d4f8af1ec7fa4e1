package io.memberflow.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.web.ErrorBodies;
import io.memberflow.intake.InvalidSignatureException;
import io.memberflow.intake.MalformedEventException;
import io.micronaut.context.annotation.Requires;
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
import java.util.List;
import java.util.Map;

/**
 * {@code POST /webhooks/kit}: Kit's webhook endpoint deliveries, signed with {@code KIT_WEBHOOK_SECRET} (without it,
 * 404). Each event is taken once by its id; unsubscribes, bounces and complaints record the subscriber, whom
 * {@code KitMarketing.addTags} then skips. Nothing here changes access. 200 once recorded; 400 for a bad signature or
 * body (Kit does not retry a 4xx); 503 when the database is down (Kit retries).
 */
@Requires(property = "memberflow.role", notEquals = "worker")
@Controller("/webhooks/kit")
public class KitWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(KitWebhookController.class);

    private final KitSignature signature;
    private final KitSuppressions suppressions;
    private final ObjectMapper mapper;

    public KitWebhookController(KitSignature signature, KitSuppressions suppressions, ObjectMapper mapper) {
        this.signature = signature;
        this.suppressions = suppressions;
        this.mapper = mapper;
        if (!signature.enabled()) {
            LOG.info("KIT_WEBHOOK_SECRET is not set: /webhooks/kit answers 404");
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
        List<KitEvents.KitEvent> events = KitEvents.read(mapper, raw);
        int recorded = 0, duplicates = 0, suppressed = 0;
        Instant now = Instant.now();
        for (KitEvents.KitEvent event : events) {
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
        return HttpResponse.ok(Map.of("received", events.size(), "recorded", recorded, "duplicates", duplicates,
                "suppressed", suppressed));
    }

    @Error(exception = InvalidSignatureException.class)
    HttpResponse<?> invalidSignature(InvalidSignatureException e) {
        LOG.warn("Rejected a Kit webhook: {}", e.getMessage());
        return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_signature", e.getMessage());
    }

    @Error(exception = MalformedEventException.class)
    HttpResponse<?> malformed(MalformedEventException e) {
        LOG.warn("Rejected a signed but malformed Kit webhook: {}", e.getMessage());
        return ErrorBodies.of(HttpStatus.BAD_REQUEST, "malformed_event", e.getMessage());
    }

    @Error(exception = IllegalStateException.class)
    HttpResponse<?> unavailable(IllegalStateException e) {
        LOG.error("Could not record a Kit webhook, answering 503 so Kit retries: {}", e.getMessage());
        return ErrorBodies.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "event not recorded; retry later");
    }
}
