package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StripeStandIn;
import io.memberflow.standin.StandIn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Requests the three stand-ins answered, by kind, at one moment; {@link #minus} gives those of a time span. Split
 * into list calls (a reconciliation's roster: Circle group members, Kit tag subscribers, Stripe's list of every
 * customer's subscriptions, Circle membership checks and member look-ups), refusals (429) and the rest, which in a reconciliation
 * bench are the customer workflows' repair calls.
 */
record ServedCalls(Map<String, Long> circle, Map<String, Long> kit, Map<String, Long> stripe) {
    static final Set<String> LIST_KINDS = Set.of(CircleStandIn.LIST_MEMBERS, CircleStandIn.CHECK_MEMBER,
            CircleStandIn.GET_MEMBER, KitStandIn.LIST_SUBSCRIBERS, StripeStandIn.LIST_ALL);

    static ServedCalls of(CircleStandIn circle, KitStandIn kit, StripeStandIn stripe) {
        return new ServedCalls(circle.counts(), kit.counts(), stripe.counts());
    }

    ServedCalls minus(ServedCalls before) {
        return new ServedCalls(delta(circle, before.circle), delta(kit, before.kit), delta(stripe, before.stripe));
    }

    /** Per vendor: list, other (repair), 429 and by kind. */
    Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("circle", vendor(circle));
        s.put("kit", vendor(kit));
        s.put("stripe", vendor(stripe));
        return s;
    }

    /** e.g. {@code circle 101 list + 140 other, 0 refused (429)}. */
    String row() {
        return line("circle", circle) + "; " + line("kit", kit) + "; " + line("stripe", stripe);
    }

    static long lists(Map<String, Long> kinds) {
        return kinds.entrySet().stream().filter(e -> LIST_KINDS.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    static long refused(Map<String, Long> kinds) {
        return kinds.getOrDefault(StandIn.RATE_LIMITED, 0L);
    }

    static long others(Map<String, Long> kinds) {
        return kinds.values().stream().mapToLong(Long::longValue).sum() - lists(kinds) - refused(kinds);
    }

    private static String line(String name, Map<String, Long> kinds) {
        return String.format("%s %d list + %d other, %d refused", name, lists(kinds), others(kinds), refused(kinds));
    }

    private static Map<String, Object> vendor(Map<String, Long> kinds) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("list", lists(kinds));
        v.put("other", others(kinds));
        v.put("refused_429", refused(kinds));
        v.put("by_kind", kinds);
        return v;
    }

    private static Map<String, Long> delta(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((kind, n) -> {
            long diff = n - before.getOrDefault(kind, 0L);
            if (diff != 0) {
                d.put(kind, diff);
            }
        });
        return d;
    }
}
