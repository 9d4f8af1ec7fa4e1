package io.memberflow.sync;

import io.memberflow.activities.SupportActivities;
import io.memberflow.activities.SupportTaskInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.persistence.SupportTaskRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link SupportActivities}: tasks live in the {@code support_task} table. A new task is also posted to
 * SUPPORT_WEBHOOK_URL (Slack-compatible {@code {"text": …}}) when set; a failed post is logged and does not fail
 * the activity, because the task itself is already stored.
 */
@Singleton
public class SupportDesk implements SupportActivities {
    private static final Logger LOG = LoggerFactory.getLogger(SupportDesk.class);
    private final SupportTaskRepository tasks;
    private final ObjectMapper mapper;
    private final String webhookUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SupportDesk(SupportTaskRepository tasks, ObjectMapper mapper, IntegrationProperties.Support properties) {
        this.tasks = tasks;
        this.mapper = mapper;
        this.webhookUrl = properties.webhookUrl() == null || properties.webhookUrl().isBlank() ? null : properties.webhookUrl();
    }

    @Override
    public long openTask(SupportTaskInput input) {
        String summary = truncate(input.summary(), 1000);
        String context = json(new TreeMap<>(input.context()));
        Instant now = Instant.now();
        int opened = 0;
        if (tasks.updateOpen(input.key(), summary, context, now) == 0) {
            opened = tasks.insertIfAbsent(input.key(), input.customerId(), input.kind(), input.causeEventId(),
                    summary, context, now);
        }
        long id = tasks.findByTaskKeyAndStatus(input.key(), "open").orElseThrow().id();
        if (opened == 1) {
            LOG.warn("Support task {} opened: {} for {} (cause {})", id, input.kind(), input.customerId(), input.causeEventId());
            post(id, input);
        }
        return id;
    }

    @Override
    public void resolveTask(long taskId, String actor, String reason) {
        if (tasks.resolve(taskId, Instant.now(), actor, truncate(reason, 1000)) == 1) {
            LOG.info("Support task {} resolved by {}", taskId, actor);
        }
    }

    private void post(long id, SupportTaskInput input) {
        if (webhookUrl == null) {
            return;
        }
        String text = "memberflow support task #" + id + " [" + input.kind() + "] " + input.customerId() + ": " + input.summary();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("text", text)))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            io.memberflow.observability.VendorHealth.SUPPORT_WEBHOOK.record(response.statusCode() < 300, "answered HTTP " + response.statusCode());
            if (response.statusCode() >= 300) {
                LOG.warn("Support webhook answered HTTP {} for task {}", response.statusCode(), id);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Support webhook post for task {} failed: {}", id, e.getClass().getSimpleName());
            io.memberflow.observability.VendorHealth.SUPPORT_WEBHOOK.record(false, "could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("support task context is not serialisable", e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
