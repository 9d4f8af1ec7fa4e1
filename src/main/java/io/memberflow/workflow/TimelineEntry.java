package io.memberflow.workflow;

/**
 * One line of a customer's history: an event applied, a decision, a side effect or an operator action.
 * {@code seq} is the customer's own counter, carried across continue-as-new (the audit trail's key);
 * {@code actor} is {@code stripe}, {@code memberflow} or an operator; {@code eventId} the Stripe event it follows.
 */
public record TimelineEntry(long seq, long atMillis, String kind, String actor, String eventId, String text) {
}
