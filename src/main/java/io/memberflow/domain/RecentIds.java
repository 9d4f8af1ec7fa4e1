package io.memberflow.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** Bounded lists of ids kept in the member's state: distinct, no nulls, the newest {@code max} (the oldest dropped). */
final class RecentIds {
    private RecentIds() {
    }

    static List<String> newest(List<String> ids, int max) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        distinct.removeIf(Objects::isNull);
        int from = Math.max(0, distinct.size() - max);
        return List.copyOf(distinct.subList(from, distinct.size()));
    }
}
