package io.memberflow.intake;

import io.memberflow.config.WebRole;
import io.memberflow.web.ErrorBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
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

import java.util.Map;

/**
 * {@code POST /webhooks/stripe}. Answers 200 once the event is recorded (or was already), 400 for a bad
 * signature or body, 503 when the event cannot be recorded (so Stripe retries). Error bodies are short JSON,
 * never a stack trace, an exception class or a secret.
 */
@WebRole
@Controller("/webhooks/stripe")
public class StripeWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookController.class);

    private final EventIntake intake;
    private final IntakeRehearsal rehearsal;

    public StripeWebhookController(EventIntake intake, IntakeRehearsal rehearsal) {
        this.intake = intake;
        this.rehearsal = rehearsal;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> receive(@Nullable @Body byte[] body, @Nullable @Header("Stripe-Signature") String signature,
                                   @Nullable @Header(IntakeRehearsal.HEADER) String rehearsalToken) {
        if (rehearsal.isRehearsal(rehearsalToken)) {
            intake.rehearse(body == null ? new byte[0] : body, signature);
            return HttpResponse.ok(Map.of("received", true, "outcome", "rehearsed"));
        }
        EventIntake.Outcome outcome;
        try {
            // An empty body is checked like any other (and so refused as invalid_signature / malformed_event).
            outcome = intake.accept(body == null ? new byte[0] : body, signature);
        } catch (DataAccessException | ConnectionException | CannotGetJdbcConnectionException e) {
            return notRecorded(e);
        }
        return HttpResponse.ok(Map.of("received", true, "outcome", outcome.name().toLowerCase()));
    }

    @Error(exception = InvalidSignatureException.class)
    HttpResponse<Map<String, String>> invalidSignature(InvalidSignatureException e) {
        LOG.warn("Rejected a webhook: {}", e.getMessage());
        return ErrorBodies.of(HttpStatus.BAD_REQUEST, "invalid_signature", e.getMessage());
    }

    @Error(exception = MalformedEventException.class)
    HttpResponse<Map<String, String>> malformed(MalformedEventException e) {
        LOG.warn("Rejected a signed but malformed webhook: {}", e.getMessage());
        return ErrorBodies.of(HttpStatus.BAD_REQUEST, "malformed_event", e.getMessage());
    }

    /**
     * 503, so Stripe retries: the inbox row could not be written (the repository's error, or no connection from the
     * pool: once the pool has dropped its dead connections, micronaut-data reports that as
     * {@link CannotGetJdbcConnectionException}, which is neither of the other two). The log names the cause, never the payload.
     */
    private static HttpResponse<Map<String, String>> notRecorded(RuntimeException e) {
        LOG.error("Could not record a webhook ({}), answering 503 so Stripe retries: {}", e.getClass().getSimpleName(),
                rootMessage(e));
        return ErrorBodies.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "event not recorded; retry later");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
