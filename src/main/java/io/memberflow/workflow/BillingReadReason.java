package io.memberflow.workflow;

/**
 * Who asks a customer's workflow to read Stripe again, and why: the input of the {@code requestBillingRead} signal.
 * {@code actor} names the asker ({@code backfill}, an operator), {@code reason} says why ("backfill run 2026-11-25").
 * A record, so the signal can carry more later without a new signature: it travels in histories, so it may gain
 * components but never lose one.
 */
public record BillingReadReason(String actor, String reason) {

    /** The asker as the timeline names it. */
    String who() {
        return actor == null || actor.isBlank() ? "unknown" : actor;
    }

    /** Why, in the timeline's words. */
    String why() {
        return reason == null || reason.isBlank() ? "no reason given" : reason;
    }
}
