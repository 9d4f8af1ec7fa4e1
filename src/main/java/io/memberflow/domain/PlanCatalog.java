package io.memberflow.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The plans configuration: price id to plan, plan to access groups and tags, and a lifecycle tag per status. */
public final class PlanCatalog {
    private final List<Plan> plans;
    private final Map<String, Plan> byName = new HashMap<>();
    private final Map<MemberStatus, Long> lifecycleTagIds;

    /**
     * @throws IllegalArgumentException naming the offending value when a price id belongs to two plans
     *                                  or two plans share a name
     */
    public PlanCatalog(Collection<Plan> plans, Map<MemberStatus, Long> lifecycleTagIds) {
        Objects.requireNonNull(plans, "plans");
        this.plans = List.copyOf(plans);
        Map<String, Plan> byPrice = new HashMap<>();
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

    /** The first plan, in catalog order, that any of the price ids buys. */
    public Optional<Plan> planForPrices(Collection<String> priceIds) {
        if (priceIds == null || priceIds.isEmpty()) {
            return Optional.empty();
        }
        for (Plan plan : plans) {
            for (String priceId : priceIds) {
                if (priceId != null && plan.stripePriceIds().contains(priceId)) {
                    return Optional.of(plan);
                }
            }
        }
        return Optional.empty();
    }

    public Optional<Plan> plan(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public Optional<Long> lifecycleTag(MemberStatus status) {
        return Optional.ofNullable(lifecycleTagIds.get(status));
    }

    public List<Plan> plans() {
        return plans;
    }
}
