package io.memberflow.observability;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.time.Duration;
import java.util.Map;

/** Counts every webhook answer by outcome (dispatched, duplicate, invalid_signature, …) and times it; not rehearsals. */
@ServerFilter("/webhooks/stripe")
public class WebhookMetricsFilter {
    private static final String START = "memberflow.start";
    private final Metrics metrics;

    public WebhookMetricsFilter(Metrics metrics) {
        this.metrics = metrics;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(START, System.nanoTime());
    }

    @ResponseFilter
    public void done(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long start = request.getAttribute(START, Long.class).orElse(System.nanoTime());
        String outcome = outcome(response);
        if (outcome.equals("rehearsed")) {
            return; // the start-up rehearsal (IntakeRehearsal) is no webhook
        }
        metrics.webhook(outcome, Duration.ofNanos(System.nanoTime() - start));
        metrics.webhookAnswered(response.code());
    }

    private static String outcome(MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        if (body instanceof Map<?, ?> map) {
            Object value = map.containsKey("outcome") ? map.get("outcome") : map.get("error");
            if (value != null) {
                return value.toString();
            }
        }
        return "http_" + response.code();
    }
}
