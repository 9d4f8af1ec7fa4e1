package io.memberflow.catchup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memberflow.inbox.InboxRows;
import io.memberflow.standin.StripeEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thirty days of Stripe events, one every two hours (every tenth of a type memberflow does not handle), all
 * received by webhook except during a one-hour outage, from three hours to two hours ago, when twelve events (for
 * four customers of their own) never arrived.
 */
final class CatchUpFixture {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration OUTAGE_START = Duration.ofHours(3);
    static final Duration OUTAGE_END = Duration.ofHours(2);

    final String tag = Long.toString(System.nanoTime(), 36);
    final Instant now = Instant.now();
    final List<String> received = new ArrayList<>();
    final int handledReceived;
    /** Missed event ids by customer. */
    final Map<String, List<String>> missed = new LinkedHashMap<>();

    CatchUpFixture(StandInStripe stripe, InboxRows inbox) {
        stripe.events.clear();
        int handled = 0;
        for (int k = 0; k < 360; k++) {
            Instant at = now.minus(Duration.ofHours(2L * k)).minus(Duration.ofMinutes(30));
            if (inOutage(at)) {
                continue;
            }
            String customer = "cus_cu_seen" + (k % 3) + "_" + tag;
            boolean handledType = k % 10 != 5;
            String json = handledType
                    ? new StripeEvents(customer, "seen@example.com", 0).invoice("invoice.paid", "sub_" + k, "price_x", 500)
                    : new StripeEvents(customer, "seen@example.com", 0).event("payment_method.attached",
                            StripeEvents.object("payment_method", "pm_" + k).put("customer", customer));
            String id = "evt_seen_" + tag + "_" + k;
            json = rewrite(json, id, at.getEpochSecond());
            stripe.addEvent(json);
            inbox.insertIfAbsent(id, handledType ? "invoice.paid" : "payment_method.attached", customer,
                    handledType ? "DISPATCHED" : "IGNORED", null, json, at, at);
            received.add(id);
            handled += handledType ? 1 : 0;
        }
        handledReceived = handled;
        for (int i = 0; i < 12; i++) {
            Instant at = now.minus(OUTAGE_START).plus(Duration.ofMinutes(5L * i));
            String customer = "cus_cu_outage" + (i % 4) + "_" + tag;
            String id = "evt_missed_" + tag + "_" + i;
            String json = new StripeEvents(customer, "missed@example.com", 0)
                    .subscription("customer.subscription.updated", "sub_o" + i, "active", "price_x", false);
            stripe.addEvent(rewrite(json, id, at.getEpochSecond()));
            missed.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
        }
    }

    int missedCount() {
        return missed.values().stream().mapToInt(List::size).sum();
    }

    List<String> missedIds() {
        return missed.values().stream().flatMap(List::stream).toList();
    }

    private boolean inOutage(Instant at) {
        return !at.isBefore(now.minus(OUTAGE_START)) && at.isBefore(now.minus(OUTAGE_END));
    }

    static String rewrite(String json, String id, long created) {
        try {
            ObjectNode event = (ObjectNode) MAPPER.readTree(json);
            event.put("id", id).put("created", created);
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
