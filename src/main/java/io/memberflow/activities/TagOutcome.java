package io.memberflow.activities;

/** Whether the tags that followed a grant were added; if not, why (the vendor's reason, no address). */
public record TagOutcome(boolean added, String failure) {
    public static TagOutcome done() {
        return new TagOutcome(true, null);
    }

    public static TagOutcome notAdded(String failure) {
        return new TagOutcome(false, failure);
    }
}
