package io.memberflow.catchup;

import io.memberflow.config.WorkerRole;
import io.memberflow.vendors.VendorSettings;
import io.micronaut.context.annotation.Requires;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.StripeCollection;
import com.stripe.param.EventListParams;
import io.memberflow.activities.VendorFailures;
import io.memberflow.intake.EventIntake;
import io.memberflow.intake.MalformedEventException;
import io.memberflow.intake.StripeEventReader;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The catch-up activity: pages {@code GET /v1/events} (the handled types only, {@code created >= from}, 100 a page,
 * newest first, {@code starting_after} the last one, while {@code has_more}) and records every event the inbox lacks
 * through {@link EventIntake#recordTrusted}, the webhook's own path, so an event is recorded and delivered once
 * however it arrives. {@code from} is the asked time, else the cursor (where the last finished run began) minus
 * the overlap, else the newest event in the inbox minus the overlap, else the first look-back; never more than the
 * 30 days Stripe keeps. A 429, 5xx or broken connection is retried in place; a rejected key is final. Exists only
 * with STRIPE_API_KEY set (there is nothing to catch up from without it).
 */
@Singleton
@WorkerRole
@Requires(condition = VendorSettings.StripeOn.class)
public class StripeCatchUp implements CatchUpActivities {
    private static final Logger LOG = LoggerFactory.getLogger(StripeCatchUp.class);
    static final Duration STRIPE_KEEPS = Duration.ofDays(30);
    static final List<String> TYPES = StripeEventReader.HANDLED_TYPES.stream().sorted().toList();
    private static final int TRIES_PER_PAGE = 6;
    private static final int MAX_PAGES = 100_000;

    private final StripeClient client;
    private final CatchUpStore store;
    private final EventIntake intake;
    private final CatchUpProperties settings;
    private final Clock clock = Clock.systemUTC();

    public StripeCatchUp(StripeClient client, CatchUpStore store, EventIntake intake, CatchUpProperties settings) {
        this.client = client;
        this.store = store;
        this.intake = intake;
        this.settings = settings;
    }

    @Override
    public CatchUpCounts catchUp(CatchUpRequest request) {
        return run(request, page -> Activity.getExecutionContext().heartbeat(page));
    }

    /** One catch-up; {@code progress} hears the number of each page read. */
    public CatchUpCounts run(CatchUpRequest request, IntConsumer progress) {
        StripeClient stripeClient = client;
        Instant now = clock.instant();
        Optional<Instant> covered = store.coveredUntil();
        Instant from = from(request, covered, now);
        int pages = 0, seen = 0, recovered = 0, known = 0, unreadable = 0;
        String after = null;
        while (pages < MAX_PAGES) {
            EventListParams.Builder params = EventListParams.builder().setLimit(100L).addAllType(TYPES)
                    .setCreated(EventListParams.Created.builder().setGte(from.getEpochSecond()).build());
            if (after != null) {
                params.setStartingAfter(after);
            }
            StripeCollection<Event> page = page(stripeClient, params.build());
            pages++;
            List<JsonObject> events = events(page);
            List<String> ids = new ArrayList<>();
            events.forEach(e -> ids.add(text(e, "id")));
            Set<String> inInbox = store.known(ids.stream().filter(id -> id != null).toList());
            for (JsonObject event : events) {
                seen++;
                String id = text(event, "id");
                if (id != null && inInbox.contains(id)) {
                    known++;
                    continue;
                }
                try {
                    EventIntake.Outcome outcome = intake.recordTrusted(event.toString().getBytes(StandardCharsets.UTF_8));
                    if (outcome == EventIntake.Outcome.DUPLICATE) {
                        known++;
                    } else {
                        recovered++;
                        LOG.info("Catch-up recovered missed event {} ({})", id, text(event, "type"));
                    }
                } catch (MalformedEventException e) {
                    unreadable++;
                    LOG.warn("Catch-up could not read event {}: {}", id, e.getMessage());
                }
            }
            progress.accept(pages);
            after = ids.isEmpty() ? null : ids.get(ids.size() - 1);
            if (!Boolean.TRUE.equals(page.getHasMore()) || after == null) {
                break;
            }
        }
        if (covered.isEmpty() || !from.isAfter(covered.get())) {
            store.advance(now, clock.instant()); // the window joined the covered one: everything before `now` is checked
        }
        CatchUpCounts counts = new CatchUpCounts(from.getEpochSecond(), now.getEpochSecond(), pages, seen, recovered,
                known, unreadable);
        LOG.info("Stripe catch-up ({}): {}", request == null ? "schedule" : request.trigger(), counts);
        return counts;
    }

    Instant from(CatchUpRequest request, Optional<Instant> covered, Instant now) {
        Duration overlap = settings.overlap();
        Instant from;
        if (request != null && request.sinceEpochSecond() != null) {
            from = Instant.ofEpochSecond(request.sinceEpochSecond());
        } else if (covered.isPresent()) {
            from = covered.get().minus(overlap);
        } else {
            from = store.newestEventInInbox().map(t -> t.minus(overlap))
                    .orElse(now.minus(settings.firstLookBack()));
        }
        Instant oldest = now.minus(STRIPE_KEEPS);
        if (from.isBefore(oldest)) {
            from = oldest;
        }
        return from.isAfter(now) ? now : from;
    }

    private StripeCollection<Event> page(StripeClient stripeClient, EventListParams params) {
        Duration wait = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return stripeClient.v1().events().list(params);
            } catch (StripeException e) {
                Integer status = e.getStatusCode();
                boolean retryable = e instanceof ApiConnectionException || status == null || status == 429 || status >= 500;
                String what = status == null ? e.getClass().getSimpleName() : "HTTP " + status;
                if (!retryable) {
                    throw ApplicationFailure.newNonRetryableFailure("stripe event list: " + what
                            + (status != null && (status == 401 || status == 403) ? "; check STRIPE_API_KEY" : ""),
                            VendorFailures.FINAL);
                }
                if (attempt >= TRIES_PER_PAGE) {
                    throw ApplicationFailure.newFailure("stripe event list: " + what + " after " + attempt + " tries",
                            VendorFailures.RETRYABLE);
                }
                LOG.warn("Stripe event list answered {} (try {}); retrying in {} ms", what, attempt, wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    private static List<JsonObject> events(StripeCollection<Event> page) {
        JsonObject raw = page.getRawJsonObject();
        JsonArray data = raw != null && raw.has("data") && raw.get("data").isJsonArray() ? raw.getAsJsonArray("data") : new JsonArray();
        List<JsonObject> events = new ArrayList<>();
        for (JsonElement e : data) {
            if (e.isJsonObject()) {
                events.add(e.getAsJsonObject());
            }
        }
        return events;
    }

    private static String text(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Stripe", e);
        }
    }
}
