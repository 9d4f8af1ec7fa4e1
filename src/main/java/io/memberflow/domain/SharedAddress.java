package io.memberflow.domain;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Circle and Kit know people by e-mail address, and two Stripe customers can share one. Before one customer's
 * workflow removes groups or tags at the address, it keeps those another customer there requires: removing them would
 * take what that customer pays for. Pure: the caller reads who else is at the address.
 */
public final class SharedAddress {
    private SharedAddress() {
    }

    /**
     * Of the ids about to be removed, those another customer requires, each with the customers (sorted) requiring it.
     *
     * @param requiredByOthers other customers at the address and the ids (groups, or tags) their billing requires
     */
    public static SortedMap<Long, SortedSet<String>> kept(Set<Long> removing, Map<String, Set<Long>> requiredByOthers) {
        SortedMap<Long, SortedSet<String>> kept = new TreeMap<>();
        requiredByOthers.forEach((customer, required) -> {
            for (Long id : required) {
                if (removing.contains(id)) {
                    kept.computeIfAbsent(id, k -> new TreeSet<>()).add(customer);
                }
            }
        });
        return kept;
    }

    /** The ids to remove: those nobody else at the address requires. */
    public static Set<Long> toRemove(Set<Long> removing, Map<String, Set<Long>> requiredByOthers) {
        Set<Long> remove = new TreeSet<>(removing);
        remove.removeAll(kept(removing, requiredByOthers).keySet());
        return remove;
    }
}
