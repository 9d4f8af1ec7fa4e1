package io.memberflow.sync;

import io.memberflow.activities.BillingActivities;
import io.memberflow.activities.BillingRead;
import io.memberflow.activities.BillingReadRequest;
import io.memberflow.activities.VendorFailures;
import io.memberflow.integrations.RatePacer;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import io.memberflow.domain.BillingSnapshot;
import io.memberflow.domain.BillingSnapshot.SubscriptionFacts;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link BillingActivities} through stripe-java: {@code GET /v1/customers/{id}} and {@code GET /v1/subscriptions?
 * customer=…&status=all} (paged). Subscriptions are read from their raw JSON, so both the pre-2025 layout
 * ({@code current_period_end} on the subscription) and the current one (on its items) are understood. Calls are
 * paced by a {@link RatePacer} to stay inside Stripe's read limits.
 */
public class StripeBillingReader implements BillingActivities {
    private static final Logger LOG = LoggerFactory.getLogger(StripeBillingReader.class);
    private static final int MAX_PAGES = 10;
    private final StripeClient client;
    private final RatePacer pacer;
    private final Clock clock;
    private final Function<String, List<String>> recordedEventIds;

    /** @param recordedEventIds the customer's latest event ids in the inbox, as committed at the call */
    public StripeBillingReader(StripeClient client, RatePacer pacer, Clock clock,
                               Function<String, List<String>> recordedEventIds) {
        this.client = client;
        this.pacer = pacer;
        this.clock = clock;
        this.recordedEventIds = recordedEventIds;
    }

    /** The covered ids are read before Stripe: every event among them was sent after the change it reports. */
    @Override
    public BillingRead readAfterBurst(BillingReadRequest request) {
        request.waitDebounce();
        List<String> covered = recordedEventIds.apply(request.customerId());
        return new BillingRead(readBilling(request.customerId()), covered);
    }

    @Override
    public BillingSnapshot readBilling(String customerId) {
        long readAt = clock.instant().getEpochSecond();
        try {
            pacer.acquire();
            Customer customer = client.v1().customers().retrieve(customerId);
            boolean deleted = Boolean.TRUE.equals(customer.getDeleted());
            List<SubscriptionFacts> subscriptions = deleted ? List.of() : subscriptions(customerId);
            LOG.info("Read customer {} from Stripe: {} subscription(s){}", customerId, subscriptions.size(),
                    deleted ? ", customer deleted" : "");
            return new BillingSnapshot(customerId, true, deleted, customer.getEmail(), customer.getName(),
                    subscriptions, readAt);
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            if (status != null && status == 404) {
                LOG.info("Stripe does not know customer {}", customerId);
                return new BillingSnapshot(customerId, false, false, null, null, List.of(), readAt);
            }
            throw failure(e, status);
        }
    }

    private List<SubscriptionFacts> subscriptions(String customerId) throws StripeException {
        List<SubscriptionFacts> facts = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            SubscriptionListParams.Builder params = SubscriptionListParams.builder().setCustomer(customerId)
                    .setStatus(SubscriptionListParams.Status.ALL).setLimit(100L);
            if (after != null) {
                params.setStartingAfter(after);
            }
            pacer.acquire();
            StripeCollection<Subscription> list = client.v1().subscriptions().list(params.build());
            // items of a list carry no raw JSON of their own: read the list's, whatever the API version's layout
            JsonObject raw = list.getRawJsonObject();
            JsonArray data = raw != null && raw.has("data") && raw.get("data").isJsonArray() ? raw.getAsJsonArray("data") : new JsonArray();
            for (JsonElement subscription : data) {
                SubscriptionFacts f = facts(subscription.getAsJsonObject());
                facts.add(f);
                after = f.id();
            }
            if (!Boolean.TRUE.equals(list.getHasMore()) || after == null) {
                break;
            }
        }
        return facts;
    }

    static SubscriptionFacts facts(JsonObject o) {
        List<String> prices = new ArrayList<>();
        Long periodEnd = longOrNull(o, "current_period_end");
        JsonObject items = o.has("items") && o.get("items").isJsonObject() ? o.getAsJsonObject("items") : null;
        JsonArray data = items != null && items.has("data") && items.get("data").isJsonArray() ? items.getAsJsonArray("data") : new JsonArray();
        for (JsonElement element : data) {
            JsonObject item = element.getAsJsonObject();
            String price = idOf(item.get("price"));
            if (price == null) {
                price = idOf(item.get("plan"));
            }
            if (price != null && !prices.contains(price)) {
                prices.add(price);
            }
            if (periodEnd == null) {
                periodEnd = longOrNull(item, "current_period_end");
            }
        }
        boolean cancelAtPeriodEnd = o.has("cancel_at_period_end") && o.get("cancel_at_period_end").isJsonPrimitive()
                && o.get("cancel_at_period_end").getAsBoolean();
        Long cancelAt = longOrNull(o, "cancel_at");
        if (!cancelAtPeriodEnd && cancelAt != null) {
            cancelAtPeriodEnd = true; // newer API versions express "cancel at period end" as cancel_at
            periodEnd = cancelAt;
        }
        String status = text(o, "status");
        boolean pausedCollection = o.has("pause_collection") && o.get("pause_collection").isJsonObject();
        if ("active".equals(status) && pausedCollection) {
            status = "paused";
        }
        Long created = longOrNull(o, "created");
        return new SubscriptionFacts(text(o, "id"), status, prices, cancelAtPeriodEnd, periodEnd,
                created == null ? 0L : created);
    }

    private static ApplicationFailure failure(StripeException e, Integer status) {
        String message = "stripe read: " + (status == null ? e.getClass().getSimpleName() : "HTTP " + status)
                + (e.getCode() == null ? "" : " " + e.getCode());
        if (status != null && (status == 401 || status == 403)) {
            return ApplicationFailure.newNonRetryableFailure(message + "; check STRIPE_API_KEY", VendorFailures.FINAL);
        }
        boolean retryable = e instanceof ApiConnectionException || status == null || status == 429 || status >= 500
                || status == 409;
        if (!retryable) {
            return ApplicationFailure.newNonRetryableFailure(message, VendorFailures.FINAL);
        }
        ApplicationFailure.Builder builder = ApplicationFailure.newBuilder().setType(VendorFailures.RETRYABLE).setMessage(message);
        if (status != null && status == 429) {
            builder.setNextRetryDelay(Duration.ofSeconds(2));
        }
        return builder.build();
    }

    private static String idOf(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        return e.isJsonObject() ? text(e.getAsJsonObject(), "id") : null;
    }

    private static String text(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonPrimitive() && !v.getAsString().isBlank() ? v.getAsString() : null;
    }

    private static Long longOrNull(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsLong() : null;
    }
}
