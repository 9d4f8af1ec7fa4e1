package io.memberflow.integrations.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.integrations.VendorResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Kit (formerly ConvertKit) API v4 client for subscribers and tags.
 *
 * <p>Every public method is idempotent and may be repeated after any failure. Failures are
 * {@link VendorCallException}s with vendor {@code "kit"}: retryable for 5xx, 408, 429 and I/O
 * errors or timeouts, final otherwise. Kit's 429 is plain text {@code Retry later} without a
 * {@code Retry-After} header; it is reported with a 60 s wait (Kit's limit is 120 requests per
 * 60 s per key).
 *
 * <p>Thread-safe. E-mail addresses and the API key are never logged.
 */
public final class KitClient {

    /** Used when no base URL is configured. */
    public static final String DEFAULT_BASE_URL = "https://api.kit.com/v4";
    /** The setting that holds the v4 API key; named in the hint of a 401. */
    public static final String API_KEY_VARIABLE = "KIT_API_KEY";
    /** Reported wait for a 429, which Kit sends without {@code Retry-After}. */
    public static final Duration RATE_LIMIT_DELAY = Duration.ofSeconds(60);
    /** Kit's largest {@code per_page}. */
    public static final int MAX_PER_PAGE = 1000;

    private final KitApi api;
    private final VendorHttp http;

    /** A client for the given base URL (null or blank: {@link #DEFAULT_BASE_URL}) with default timeouts. */
    public KitClient(String baseUrl, String apiKey) {
        this(baseUrl, apiKey, VendorHttp.defaultHttpClient());
    }

    /**
     * A client that derives its HTTP client from {@code httpClient}, keeping its timeouts.
     *
     * @param baseUrl with or without trailing slash; null or blank means {@link #DEFAULT_BASE_URL}
     * @param apiKey  a v4 API key (v3 keys do not work), sent as {@code X-Kit-Api-Key}
     */
    public KitClient(String baseUrl, String apiKey, OkHttpClient httpClient) {
        this(baseUrl, apiKey, httpClient, RATE_LIMIT_DELAY);
    }

    /** A client that reports {@code rateLimitDelay} as the wait of a 429 (Kit sends no {@code Retry-After}). */
    public KitClient(String baseUrl, String apiKey, OkHttpClient httpClient, Duration rateLimitDelay) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(API_KEY_VARIABLE + " is not set");
        }
        this.http = new VendorHttp("kit", "Kit", apiKey, API_KEY_VARIABLE,
                "Kit refused: the API key lacks permission for this account or resource; retrying will not help",
                rateLimitDelay, Clock.systemUTC());
        this.api = http.createApi(KitApi.class, VendorHttp.normaliseBaseUrl(baseUrl, DEFAULT_BASE_URL),
                httpClient, "X-Kit-Api-Key", apiKey);
    }

    /**
     * Creates the subscriber, or updates the first name of an existing one (Kit answers 201 or 200).
     * Idempotent: Kit upserts by e-mail address.
     *
     * @param firstName may be null: left out of the request, an existing name is kept
     * @return Kit's subscriber id
     * @throws VendorCallException final 422 for an invalid address, or any other failure
     */
    public long upsertSubscriber(String email, String firstName) {
        String call = "upsert subscriber";
        VendorResponse answer = http.execute(
                api.upsertSubscriber(new KitApi.UpsertSubscriber(VendorHttp.requireEmail(email), firstName)), call);
        if (!answer.isSuccessful()) {
            throw http.failure(call, answer);
        }
        JsonNode json = answer.json();
        JsonNode id = json == null ? null : json.path("subscriber").get("id");
        if (id == null || !id.canConvertToLong()) {
            throw http.unexpectedAnswer(call, answer, "subscriber.id");
        }
        return id.asLong();
    }

    /**
     * Looks a subscriber up by e-mail address in every state (active, cancelled, bounced...).
     * Read-only, hence idempotent.
     *
     * @return the subscriber, or empty when Kit has none with this address
     */
    public Optional<KitSubscriber> findSubscriber(String email) {
        String call = "find subscriber";
        String address = VendorHttp.requireEmail(email);
        VendorResponse answer = http.execute(api.findSubscribers(address, "all"), call);
        if (!answer.isSuccessful()) {
            throw http.failure(call, answer);
        }
        JsonNode json = answer.json();
        if (json == null || !json.path("subscribers").isArray()) {
            throw http.unexpectedAnswer(call, answer, "subscribers list");
        }
        for (JsonNode node : json.get("subscribers")) {
            if (address.equalsIgnoreCase(node.path("email_address").asText()) && node.hasNonNull("id")) {
                try {
                    return Optional.of(VendorHttp.objectMapper().treeToValue(node, KitSubscriber.class));
                } catch (JsonProcessingException e) {
                    throw http.unexpectedAnswer(call, answer, "readable subscriber");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One page of the tag's subscribers in every state ({@code GET /tags/{tag_id}/subscribers?status=all}; Kit's
     * default would leave out cancelled ones). Read-only; a 5xx or a missing answer is retried within the call like
     * any other read.
     *
     * @param after   the previous page's {@link TaggedSubscriberPage#nextCursor()}, or {@code null} for the first page
     * @param perPage clamped to 1..1000 (Kit's maximum)
     * @throws VendorCallException on an unwanted answer (404: no such tag), or when the page lacks
     *                             {@code subscribers}, a subscriber lacks its id, or a next page has no new cursor
     */
    public TaggedSubscriberPage tagSubscribers(long tagId, String after, int perPage) {
        String call = "list subscribers of tag " + tagId;
        String cursor = after == null || after.isBlank() ? null : after;
        VendorResponse answer = http.execute(api.tagSubscribers(tagId, Math.max(1, Math.min(MAX_PER_PAGE, perPage)),
                cursor, "all"), call, VendorHttp.MAX_PAGE_BODY_CHARS);
        if (!answer.isSuccessful()) {
            throw http.failure(call, answer);
        }
        JsonNode json = answer.json();
        if (json == null || !json.path("subscribers").isArray()) {
            throw http.unexpectedAnswer(call, answer, "subscribers list");
        }
        List<TaggedSubscriber> subscribers = new ArrayList<>(json.get("subscribers").size());
        for (JsonNode node : json.get("subscribers")) {
            JsonNode id = node.get("id");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
                throw http.unexpectedAnswer(call, answer, "id for every subscriber");
            }
            subscribers.add(new TaggedSubscriber(id.asLong(), text(node.get("email_address")), text(node.get("state"))));
        }
        JsonNode page = json.path("pagination");
        if (!page.path("has_next_page").asBoolean(false)) {
            return new TaggedSubscriberPage(subscribers, null);
        }
        String next = text(page.get("end_cursor"));
        if (next == null || next.equals(cursor)) {
            throw http.unexpectedAnswer(call, answer, "new end_cursor although has_next_page is true");
        }
        return new TaggedSubscriberPage(subscribers, next);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /**
     * Tags the subscriber. Idempotent: Kit answers 200 when the tag is already there. The subscriber
     * must exist (see {@link #upsertSubscriber}).
     *
     * @throws VendorCallException final 404 or 422 when the tag or the subscriber does not exist
     */
    public void addTag(long tagId, String email) {
        String call = "tag " + tagId;
        VendorResponse answer = http.execute(
                api.tagSubscriber(tagId, new KitApi.EmailAddress(VendorHttp.requireEmail(email))), call);
        if (answer.isSuccessful()) {
            return;
        }
        if (answer.status() == 404) {
            throw http.failure(call, answer, "tag " + tagId + " or the subscriber does not exist:"
                    + " check the configured tag id; the subscriber must be upserted first");
        }
        throw http.failure(call, answer);
    }

    /**
     * Removes the tag from the subscriber. Idempotent: when Kit has no subscriber with this address,
     * or answers 404 (tag not on the subscriber, or no such tag), the tag is already gone and that
     * counts as success. Costs two requests: a lookup, then the delete.
     *
     * @throws VendorCallException on any other unwanted answer
     */
    public void removeTag(long tagId, String email) {
        Optional<KitSubscriber> subscriber = findSubscriber(email);
        if (subscriber.isEmpty()) {
            return;
        }
        String call = "untag " + tagId;
        VendorResponse answer = http.execute(api.untagSubscriber(tagId, subscriber.get().id()), call);
        if (answer.isSuccessful() || answer.status() == 404) {
            return;
        }
        throw http.failure(call, answer);
    }
}
