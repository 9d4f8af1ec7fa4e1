package io.memberflow.domain;

import java.util.Set;

/** What should be (or has been) applied at the vendors: Circle access groups and Kit tags. */
public record Entitlements(Set<Long> accessGroupIds, Set<Long> tagIds) {
    private static final Entitlements NONE = new Entitlements(Set.of(), Set.of());

    public Entitlements {
        accessGroupIds = Sets.sorted(accessGroupIds);
        tagIds = Sets.sorted(tagIds);
    }

    public static Entitlements none() {
        return NONE;
    }
}
