package io.memberflow.activities;

/**
 * One audit line. {@code seq} is the customer's own sequence (carried across continue-as-new), {@code actor} is
 * {@code stripe}, {@code memberflow} or the operator's name, {@code eventId} the Stripe event it follows, if any.
 */
public record AuditEntry(long seq, long atMillis, String kind, String actor, String eventId, String text) {
}
