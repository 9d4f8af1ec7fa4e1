package io.memberflow.activities;

import java.util.Set;

/**
 * Another customer at the same e-mail address, as the admin projection has it: the Circle groups and Kit tags its
 * billing requires (for a row written before requirements were kept: the ones it holds).
 */
public record SameAddressCustomer(String customerId, Set<Long> requiredGroupIds, Set<Long> requiredTagIds) {
    public SameAddressCustomer {
        requiredGroupIds = requiredGroupIds == null ? Set.of() : Set.copyOf(requiredGroupIds);
        requiredTagIds = requiredTagIds == null ? Set.of() : Set.copyOf(requiredTagIds);
    }
}
