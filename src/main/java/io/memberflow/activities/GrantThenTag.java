package io.memberflow.activities;

/** A grant and the tags to add once it is done, for the same member. */
public record GrantThenTag(AccessChange access, TagChange tags) {
    public GrantThenTag {
        if (access == null || tags == null || !access.customerId().equals(tags.customerId())) {
            throw new IllegalArgumentException("a grant and tags of one customer are required");
        }
    }
}
