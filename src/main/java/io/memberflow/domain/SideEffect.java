package io.memberflow.domain;

import java.util.Objects;
import java.util.Set;

/** One vendor side effect: Circle access-group membership or Kit tags for one member. */
public record SideEffect(Kind kind, Set<Long> ids) {
    public enum Kind { GRANT_ACCESS, REVOKE_ACCESS, REMOVE_TAGS, ADD_TAGS }

    public SideEffect {
        Objects.requireNonNull(kind, "kind");
        ids = Sets.sorted(ids);
    }
}
