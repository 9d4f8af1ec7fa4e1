package io.memberflow.workflow;

/** One line of a customer's history: an event applied, a decision, a side effect or an operator action. */
public record TimelineEntry(long atMillis, String kind, String text) {
}
