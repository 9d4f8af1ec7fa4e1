package io.memberflow.standin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a benchmark wants to know of the member creations and grants that reached the Circle stand-in: creations per
 * address and grants per (address, group), so repeats show as duplicates, and the arrival of each address's first
 * successful grant. Addresses are kept normalised, in memory only.
 */
final class GrantLog {
    private final Map<String, AtomicInteger> creations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> grants = new ConcurrentHashMap<>();
    private final Map<String, Long> firstGrantMillis = new ConcurrentHashMap<>();

    void creation(String key) {
        creations.computeIfAbsent(key, e -> new AtomicInteger()).incrementAndGet();
    }

    void grant(String key, long group) {
        grants.computeIfAbsent(key + "\u0000" + group, k -> new AtomicInteger()).incrementAndGet();
    }

    void granted(String key, long atMillis) {
        firstGrantMillis.putIfAbsent(key, atMillis);
    }

    Long firstGrantMillis(String key) {
        return firstGrantMillis.get(key);
    }

    int granted() {
        return firstGrantMillis.size();
    }

    long duplicateCreations() {
        return creations.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
    }

    long duplicateGrants() {
        return grants.values().stream().mapToLong(c -> Math.max(0, c.get() - 1)).sum();
    }

    long keysCreatedMoreThanOnce() {
        return creations.values().stream().filter(c -> c.get() > 1).count();
    }

    void clear() {
        creations.clear();
        grants.clear();
        firstGrantMillis.clear();
    }
}
