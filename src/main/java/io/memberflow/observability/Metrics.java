package io.memberflow.observability;

import io.memberflow.inbox.Inbox;
import io.memberflow.persistence.SupportTaskRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * memberflow's own meters (scraped at {@code /prometheus}): webhook outcomes and acknowledgement latency, events
 * applied by type, vendor side effects by outcome, activity retries, open support tasks and the relay backlog.
 * The two gauges read the database every 15 s, not on every scrape.
 */
@Singleton
public class Metrics {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    private final MeterRegistry registry;
    private final Inbox inbox;
    private final SupportTaskRepository tasks;
    private final AtomicLong openTasks = new AtomicLong();
    private final AtomicLong relayBacklog = new AtomicLong();
    private final Timer ack;
    private final Instant startedAt = Instant.now();
    private final AtomicLong webhookAnswers = new AtomicLong();
    private final AtomicLong webhookAnswersNot2xx = new AtomicLong();

    public Metrics(MeterRegistry registry, Inbox inbox, SupportTaskRepository tasks) {
        this.registry = registry;
        this.inbox = inbox;
        this.tasks = tasks;
        this.ack = Timer.builder("memberflow.webhook.ack").description("Time to acknowledge a Stripe webhook")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("memberflow.support.tasks.open", openTasks, AtomicLong::get).register(registry);
        Gauge.builder("memberflow.relay.backlog", relayBacklog, AtomicLong::get)
                .description("Accepted events not yet delivered to Temporal").register(registry);
    }

    public void webhook(String outcome, Duration took) {
        Counter.builder("memberflow.webhook.requests").tag("outcome", outcome).register(registry).increment();
        ack.record(took);
    }

    /** A customer newly flagged: billing says access but memberflow cannot give it (see workflows.md). */
    public void attentionRaised(String kind) {
        Counter.builder("memberflow.attention.raised").tag("kind", kind)
                .description("Problems raised on customers (billing says access, vendors cannot have it)")
                .register(registry).increment();
    }

    /** Counts one webhook answer by its HTTP status, for the admin console's "answers not 2xx" share. */
    public void webhookAnswered(int status) {
        webhookAnswers.incrementAndGet();
        if (status < 200 || status > 299) {
            webhookAnswersNot2xx.incrementAndGet();
        }
    }

    /** Webhook answers since this process started, and how many of them were not 2xx. */
    public WebhookAnswers webhookAnswers() {
        return new WebhookAnswers(startedAt, webhookAnswers.get(), webhookAnswersNot2xx.get());
    }

    /** Webhook answers counted in this process since {@code since}. */
    public record WebhookAnswers(Instant since, long total, long not2xx) {
    }

    /** One event of a Kit webhook delivery; outcome: recorded, duplicate, unusable. */
    public void kitWebhookEvent(String outcome, long count) {
        if (count > 0) {
            Counter.builder("memberflow.kit.webhook.events").tag("outcome", outcome)
                    .description("Events of Kit webhook deliveries, by what became of them").register(registry).increment(count);
        }
    }

    public void eventApplied(String type) {
        Counter.builder("memberflow.events.applied").tag("type", type).register(registry).increment();
    }

    /** outcome: success, shadow, retryable_failure, final_failure. */
    public void sideEffect(String vendor, String operation, String outcome, int attempt) {
        Counter.builder("memberflow.side.effects").tag("vendor", vendor).tag("operation", operation)
                .tag("outcome", outcome).register(registry).increment();
        if (attempt > 1) {
            Counter.builder("memberflow.side.effect.retries").tag("vendor", vendor).register(registry).increment();
        }
    }

    @Scheduled(fixedDelay = "15s", initialDelay = "1s")
    void refreshGauges() {
        try {
            openTasks.set(tasks.countByStatus("open"));
            relayBacklog.set(inbox.backlog());
        } catch (RuntimeException e) {
            LOG.debug("Could not refresh gauges: {}", e.getMessage());
        }
    }
}
