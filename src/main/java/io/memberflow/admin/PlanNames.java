package io.memberflow.admin;

import io.memberflow.config.EngineConfiguration;
import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Names Circle groups and Kit tags as the plans configuration does: "Pro (101)", "past-due tag (9102)". */
@Singleton
public class PlanNames {
    private final Map<Long, String> groups = new LinkedHashMap<>();
    private final Map<Long, String> tags = new LinkedHashMap<>();
    private final List<Plan> plans;

    @jakarta.inject.Inject
    public PlanNames(EngineConfiguration configuration) {
        this(configuration.settings().plans(), configuration.settings().lifecycleTagIds());
    }

    PlanNames(List<Plan> plans, Map<MemberStatus, Long> lifecycleTagIds) {
        this.plans = List.copyOf(plans);
        for (Plan plan : this.plans) {
            plan.accessGroupIds().forEach(id -> groups.merge(id, plan.name(), (a, b) -> a + ", " + b));
            plan.tagIds().forEach(id -> tags.merge(id, plan.name(), (a, b) -> a + ", " + b));
        }
        lifecycleTagIds.forEach((MemberStatus status, Long id) ->
                tags.merge(id, status.configKey() + " tag", (a, b) -> a + ", " + b));
    }

    String group(long id) {
        String name = groups.get(id);
        return name == null ? "group " + id + " (in no plan)" : name + " (" + id + ")";
    }

    String tag(long id) {
        String name = tags.get(id);
        return name == null ? "tag " + id + " (in no plan)" : name + " (" + id + ")";
    }

    String groups(Collection<Long> ids) {
        return ids.isEmpty() ? "none" : ids.stream().sorted().map(this::group).collect(Collectors.joining(", "));
    }

    String tags(Collection<Long> ids) {
        return ids.isEmpty() ? "none" : ids.stream().sorted().map(this::tag).collect(Collectors.joining(", "));
    }

    /** "Pro (prices price_pro_m, price_pro_y)", or the name alone when it is in no plan. */
    String plan(String name) {
        if (name == null) {
            return null;
        }
        return plans.stream().filter(p -> p.name().equals(name)).findFirst()
                .map(p -> p.name() + " (" + String.join(", ", p.stripePriceIds()) + ")").orElse(name + " (not configured)");
    }
}
