package io.memberflow.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Immutable sorted copies. {@code Set.of}/{@code Set.copyOf} iterate in an order that changes from
 * one JVM run to the next; a workflow that iterates such a set on replay could issue its commands
 * in a different order, so every set in the domain iterates in natural order.
 */
final class Sets {
    private Sets() {
    }

    static <T extends Comparable<? super T>> SortedSet<T> sorted(Collection<? extends T> values) {
        if (values == null || values.isEmpty()) {
            return Collections.emptySortedSet();
        }
        TreeSet<T> copy = new TreeSet<>();
        for (T value : values) {
            if (value == null) {
                throw new NullPointerException("null element in " + values);
            }
            copy.add(value);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    static <T extends Comparable<? super T>> SortedSet<T> minus(Collection<? extends T> from, Collection<? extends T> remove) {
        TreeSet<T> result = new TreeSet<>(from);
        result.removeAll(remove);
        return Collections.unmodifiableSortedSet(result);
    }
}
