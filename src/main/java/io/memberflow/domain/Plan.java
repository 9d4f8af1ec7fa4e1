package io.memberflow.domain;

import java.util.Set;

/** One plan of the catalog: the Stripe prices that buy it, the Circle access groups and Kit tags it gives. */
public record Plan(String name, Set<String> stripePriceIds, Set<Long> accessGroupIds, Set<Long> tagIds) {
    public Plan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("plan name must not be blank");
        }
        stripePriceIds = Sets.sorted(stripePriceIds);
        accessGroupIds = Sets.sorted(accessGroupIds);
        tagIds = Sets.sorted(tagIds);
    }
}
