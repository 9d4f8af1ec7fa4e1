package io.memberflow.workflow;

import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import io.memberflow.domain.PlanCatalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration the customer workflow decides with. The workflow reads it through
 * {@code Workflow.mutableSideEffect}, so a changed plan or grace period is recorded in each workflow's history
 * when first seen: replays keep deciding with the values they saw, and running customers pick up new values.
 *
 * @param continueAsNewAfter history length after which a run continues as new (Temporal also suggests it by
 *                           itself well before its 51,200-event limit)
 */
public record EngineSettings(long gracePeriodMillis, List<Plan> plans, Map<MemberStatus, Long> lifecycleTagIds,
                             int continueAsNewAfter) {

    public EngineSettings {
        plans = List.copyOf(plans);
        lifecycleTagIds = Map.copyOf(lifecycleTagIds);
    }

    public EntitlementMachine machine() {
        return new EntitlementMachine(new PlanCatalog(plans, lifecycleTagIds), Duration.ofMillis(gracePeriodMillis));
    }
}
