package io.memberflow.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** The plans configuration: price id to plan, plan to access groups and tags, and a lifecycle tag per status. */
public final class PlanCatalog {
    private final List<Plan> plans;
    private final Map<String, Plan> byName = new HashMap<>();
    private final Map<String, Plan> byPrice = new HashMap<>();
    private final Map<MemberStatus, Long> lifecycleTagIds;

    /**
     * @throws IllegalArgumentException naming the offending value when a price id belongs to two plans
     *                                  or two plans share a name
     */
    public PlanCatalog(Collection<Plan> plans, Map<MemberStatus, Long> lifecycleTagIds) {
        Objects.requireNonNull(plans, "plans");
        this.plans = List.copyOf(plans);
        for (Plan plan : this.plans) {
            Plan sameName = byName.putIfAbsent(plan.name(), plan);
            if (sameName != null) {
                throw new IllegalArgumentException("plan name '" + plan.name() + "' is configured twice");
            }
            for (String priceId : plan.stripePriceIds()) {
                Plan other = byPrice.putIfAbsent(priceId, plan);
                if (other != null) {
                    throw new IllegalArgumentException("Stripe price id '" + priceId + "' is in two plans: '"
                            + other.name() + "' and '" + plan.name() + "'");
                }
            }
        }
        EnumMap<MemberStatus, Long> tags = new EnumMap<>(MemberStatus.class);
        if (lifecycleTagIds != null) {
            lifecycleTagIds.forEach((status, tagId) -> tags.put(
                    Objects.requireNonNull(status, "lifecycle status"),
                    Objects.requireNonNull(tagId, () -> "lifecycle tag id for " + status)));
        }
        this.lifecycleTagIds = tags;
    }

    /**
     * Which plan a subscription's current prices buy. Never a silent pick: prices that match no plan, or match
     * several, come back as a {@link PlanMatch} with the problem spelled out.
     */
    public PlanMatch match(Collection<String> priceIds) {
        if (priceIds == null || priceIds.isEmpty()) {
            return PlanMatch.NO_PRICES;
        }
        List<String> names = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String priceId : new TreeSet<>(priceIds.stream().filter(Objects::nonNull).toList())) {
            Plan plan = byPrice.get(priceId);
            if (plan == null) {
                unknown.add(priceId);
            } else if (!names.contains(plan.name())) {
                names.add(plan.name());
            }
        }
        Collections.sort(names);
        if (names.size() == 1) {
            return new PlanMatch(names.get(0), null);
        }
        if (names.size() > 1) {
            return new PlanMatch(null, "prices " + String.join(", ", new TreeSet<>(priceIds))
                    + " match several plans (" + String.join(", ", names) + ")");
        }
        return new PlanMatch(null, (unknown.size() == 1 ? "price " + unknown.get(0) + " is" : "prices "
                + String.join(", ", unknown) + " are") + " in no configured plan");
    }

    /** The plan some prices buy ({@code planName}), or why there is none ({@code problem}); both null without prices. */
    public record PlanMatch(String planName, String problem) {
        static final PlanMatch NO_PRICES = new PlanMatch(null, null);
    }

    public Optional<Plan> plan(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public Optional<Long> lifecycleTag(MemberStatus status) {
        return Optional.ofNullable(lifecycleTagIds.get(status));
    }

}
