package io.memberflow.bench;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;
import io.memberflow.standin.StripeStandIn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The drift a reconciliation bench introduces "by hand" at the stand-ins, and how to tell that it was repaired.
 * A share of the (signed-up, paying) customers is chosen at random (fixed seed) and split round-robin over three
 * kinds: taken out of the plan's Circle group ({@value #CIRCLE_MISSING}), given the configured past-due lifecycle
 * tag in Kit ({@value #KIT_TAG_EXTRA}), stripped of the plan's Kit tag ({@value #KIT_TAG_MISSING}). Besides those,
 * {@code billingEnded} other customers get their Stripe subscription canceled ({@value #BILLING_ENDED}) and
 * {@code unknown} Circle members nobody pays for are put into the paid group ({@value #UNKNOWN}). Reports counts,
 * never an e-mail address.
 */
final class DriftPlan {
    static final String CIRCLE_MISSING = "circle_missing";
    static final String KIT_TAG_EXTRA = "kit_tag_extra";
    static final String KIT_TAG_MISSING = "kit_tag_missing";
    static final String BILLING_ENDED = "billing_ended";
    static final String UNKNOWN = "circle_unknown_member";
    static final List<String> SPLIT = List.of(CIRCLE_MISSING, KIT_TAG_EXTRA, KIT_TAG_MISSING);
    static final long PAST_DUE_TAG = 9100;
    static final long CANCELED_TAG = 9101;
    /** The lifecycle tags memberflow is configured with in this bench (member state key to Kit tag). */
    static final Map<String, Long> LIFECYCLE_TAGS = Map.of("past-due", PAST_DUE_TAG, "canceled", CANCELED_TAG);

    private final Map<String, List<StripeObjects>> chosen;
    private final List<String> unknownEmails;

    private DriftPlan(Map<String, List<StripeObjects>> chosen, List<String> unknownEmails) {
        this.chosen = chosen;
        this.unknownEmails = unknownEmails;
    }

    /** How many customers {@code share} of {@code customers} is (rounded). */
    static int drifted(int customers, double share) {
        return (int) Math.round(customers * share);
    }

    /** Picks the customers; no customer gets two kinds. {@code tag} makes the unknown members' addresses unique. */
    static DriftPlan choose(List<StripeObjects> customers, double share, int billingEnded, int unknown, long seed, String tag) {
        int drifted = drifted(customers.size(), share);
        if (drifted + billingEnded > customers.size()) {
            throw new IllegalArgumentException("more drifted customers than customers");
        }
        List<StripeObjects> shuffled = new ArrayList<>(customers);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, List<StripeObjects>> chosen = new LinkedHashMap<>();
        SPLIT.forEach(kind -> chosen.put(kind, new ArrayList<>()));
        for (int i = 0; i < drifted; i++) {
            chosen.get(SPLIT.get(i % SPLIT.size())).add(shuffled.get(i));
        }
        chosen.put(BILLING_ENDED, new ArrayList<>(shuffled.subList(drifted, drifted + billingEnded)));
        List<String> unknownEmails = new ArrayList<>();
        for (int i = 0; i < unknown; i++) {
            unknownEmails.add("unknown+" + tag + "-" + i + "@example.test");
        }
        return new DriftPlan(chosen, unknownEmails);
    }

    /** Changes the stand-ins' state without HTTP, so nothing of it is counted as a request. */
    void apply(CircleStandIn circle, KitStandIn kit, StripeStandIn stripe, long nowSeconds) {
        chosen.get(CIRCLE_MISSING).forEach(c -> circle.removeFromGroup(c.email, MemberflowLauncher.PLAN_GROUP));
        chosen.get(KIT_TAG_EXTRA).forEach(c -> kit.seedSubscriber(c.email, Set.of(PAST_DUE_TAG)));
        chosen.get(KIT_TAG_MISSING).forEach(c -> kit.removeTag(c.email, MemberflowLauncher.PLAN_TAG));
        chosen.get(BILLING_ENDED).forEach(c -> c.cancelIn(stripe, nowSeconds));
        unknownEmails.forEach(e -> circle.seedMember(e, Set.of(MemberflowLauncher.PLAN_GROUP)));
    }

    /** Customers (or members) per kind, in report order. */
    Map<String, Integer> introduced() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        chosen.forEach((kind, list) -> counts.put(kind, list.size()));
        counts.put(UNKNOWN, unknownEmails.size());
        return counts;
    }

    /** Whether the customer's drift of this kind is gone from the stand-ins. */
    static boolean repaired(String kind, StripeObjects c, CircleStandIn circle, KitStandIn kit) {
        return switch (kind) {
            case CIRCLE_MISSING -> circle.groupsOf(c.email).contains(MemberflowLauncher.PLAN_GROUP);
            case KIT_TAG_EXTRA -> !kit.tagsOf(c.email).contains(PAST_DUE_TAG);
            case KIT_TAG_MISSING -> kit.tagsOf(c.email).contains(MemberflowLauncher.PLAN_TAG);
            // access ends: out of the paid group, plan tag removed (the canceled lifecycle tag is memberflow's choice)
            case BILLING_ENDED -> !circle.groupsOf(c.email).contains(MemberflowLauncher.PLAN_GROUP)
                    && !kit.tagsOf(c.email).contains(MemberflowLauncher.PLAN_TAG);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Per kind, the customers whose drift is still there (unknown members: still in the paid group). */
    Map<String, Integer> unrepaired(CircleStandIn circle, KitStandIn kit) {
        Map<String, Integer> left = new LinkedHashMap<>();
        chosen.forEach((kind, list) -> left.put(kind, (int) list.stream().filter(c -> !repaired(kind, c, circle, kit)).count()));
        left.put(UNKNOWN, (int) unknownEmails.stream()
                .filter(e -> circle.groupsOf(e).contains(MemberflowLauncher.PLAN_GROUP)).count());
        return left;
    }

    /** True when every drifted customer is repaired (unknown members are left for support and do not count). */
    boolean allRepaired(CircleStandIn circle, KitStandIn kit) {
        return chosen.entrySet().stream().allMatch(e -> e.getValue().stream().allMatch(c -> repaired(e.getKey(), c, circle, kit)));
    }

    /**
     * Customers not chosen for drift whose state is not what a paying customer's is (the plan's group and tag, no
     * lifecycle tag): damage done by the repairs, if any.
     */
    int untouchedButChanged(List<StripeObjects> customers, CircleStandIn circle, KitStandIn kit) {
        Set<String> drifted = new java.util.HashSet<>();
        chosen.values().forEach(list -> list.forEach(c -> drifted.add(c.customerId)));
        int changed = 0;
        for (StripeObjects c : customers) {
            if (!drifted.contains(c.customerId) && (!circle.groupsOf(c.email).equals(Set.of(MemberflowLauncher.PLAN_GROUP))
                    || !kit.tagsOf(c.email).equals(Set.of(MemberflowLauncher.PLAN_TAG)))) {
                changed++;
            }
        }
        return changed;
    }

    List<StripeObjects> of(String kind) {
        return List.copyOf(chosen.getOrDefault(kind, List.of()));
    }
}
