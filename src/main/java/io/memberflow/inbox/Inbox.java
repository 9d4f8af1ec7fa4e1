package io.memberflow.inbox;

import io.memberflow.domain.BillingEvent;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inbox of accepted Stripe events ({@code inbox_event}): the only way into that table. An event is recorded once
 * by its Stripe event id; a recorded event that names its customer is {@link InboxStatus#RECEIVED} until it is
 * delivered to the customer's workflow, one that names none is parked ({@link InboxStatus#NEEDS_CUSTOMER}) until its
 * customer is found. A new RECEIVED event is leased to this process's {@link EventSink} for {@link #LEASE} and
 * offered to it at once; {@link InboxRelay} claims whatever is due after that (never delivered, lease over after a
 * crash, or a failed try whose backoff has passed), across replicas with {@code FOR UPDATE SKIP LOCKED}.
 * Delivering twice is harmless: the workflow ignores an event id it has applied.
 */
public interface Inbox {
    /** How long a row handed to this process's sink stays away from every relay. */
    Duration LEASE = Duration.ofSeconds(30);
    /** Enough of a customer's latest event ids for any burst still in flight to its workflow. */
    int RECENT_IDS = 50;
    /** How many times a parked event's customer is looked up. */
    int PARKED_TRIES = 20;
    /** The longest wait between two delivery tries. */
    Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /**
     * Records an event unless its id is already there ({@code INSERT … ON CONFLICT DO NOTHING}, committed when this
     * returns: the webhook's 200 may follow). Idempotent: safe under concurrent deliveries of the same id. A newly
     * recorded RECEIVED event is then offered to this process's sink, if it has one.
     *
     * @param event the normalised event, for {@link InboxStatus#RECEIVED} only (null otherwise)
     * @return true when this call recorded it, false for a duplicate
     * @throws io.micronaut.data.exceptions.DataAccessException when the row could not be written: nothing was promised
     */
    boolean record(String eventId, String type, @Nullable String customerId, InboxStatus status,
                   @Nullable BillingEvent event, String payload);

    /**
     * Runs the statement {@link #record} runs, in a transaction that is then rolled back: nothing stays, nothing is
     * handed on. Warms the intake's path before memberflow reports ready (see {@code IntakeRehearsal}).
     */
    void rehearse(String eventId, String type, @Nullable String customerId, InboxStatus status,
                  @Nullable BillingEvent event, String payload);

    /** Marks delivered events, in one statement; returns how many rows changed (a row already marked is left). */
    int markDispatched(Collection<String> eventIds);

    /** A delivery that failed after {@code attempts} earlier tries: the relay takes it again after the backoff. */
    void retryLater(String eventId, int attempts, @Nullable String error);

    /** Parked events whose next look-up is due (at most {@link #PARKED_TRIES} tries each), oldest first. */
    List<Parked> parkedDue(int limit);

    /** No customer found for a parked event this time: looked up again after ten times the delivery backoff. */
    void parkedNotFound(Parked parked);

    /** A parked event's customer was found: it becomes an ordinary RECEIVED event, due now. */
    void customerFound(String eventId, BillingEvent event);

    /** The ids of a customer's latest {@link #RECENT_IDS} events, newest first, as committed at the moment of asking. */
    List<String> recentIds(String customerId);

    /** Which of these event ids the inbox holds. */
    Set<String> known(Collection<String> eventIds);

    /** The {@code created} time of the newest of the 100 most recently received events, if there are any. */
    Optional<Instant> newestEventCreated();

    /** Events recorded and not yet delivered (the relay backlog). */
    long backlog();

    /** The inbox as the admin console shows it. */
    InboxHealth health(Instant now);

    /** A parked event: its Stripe payload (to read again) and how often its customer was looked up. */
    record Parked(String eventId, String payload, int attempts) {
    }

    /** How long to wait before the next try after {@code attempts} failed ones: 2 s doubling to {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        long seconds = 2L << Math.min(Math.max(attempts - 1, 0), 20);
        return seconds > MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }
}
