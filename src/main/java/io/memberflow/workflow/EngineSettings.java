package io.memberflow.workflow;

import io.memberflow.domain.EntitlementMachine;
import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import io.memberflow.domain.PlanCatalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The configuration the customer workflow decides with. The workflow reads it through a side effect
 * ({@link SettingsReader}), so the values it decided with are in its history: replays keep deciding with the values
 * they saw, and running customers pick up new values.
 *
 * @param continueAsNewAfter  history length after which a run continues as new (Temporal also suggests it by
 *                            itself well before its 51,200-event limit)
 * @param billingReads        a Stripe API key is configured: billing status, plan and contact details are read
 *                            from Stripe after each burst of billing events instead of taken from payloads
 * @param readDebounceMillis  how long the workflow waits after the first unread billing event before reading, so
 *                            that a burst (a signup's checkout, subscription and invoice events) costs one read
 * @param emailWaitMillis     without Stripe reads: how long billing may say "access" with no e-mail address known
 *                            before a support task is opened (the event that carries it is often just late)
 */
public record EngineSettings(long gracePeriodMillis, List<Plan> plans, Map<MemberStatus, Long> lifecycleTagIds,
                             int continueAsNewAfter, boolean billingReads, long readDebounceMillis,
                             long emailWaitMillis) {

    public EngineSettings {
        plans = List.copyOf(plans);
        lifecycleTagIds = Map.copyOf(lifecycleTagIds);
    }

    /** Settings that take billing from event payloads (no Stripe reads). */
    public EngineSettings(long gracePeriodMillis, List<Plan> plans, Map<MemberStatus, Long> lifecycleTagIds,
                          int continueAsNewAfter) {
        this(gracePeriodMillis, plans, lifecycleTagIds, continueAsNewAfter, false, 0, Duration.ofMinutes(10).toMillis());
    }

    public EngineSettings withBillingReads(long debounceMillis) {
        return new EngineSettings(gracePeriodMillis, plans, lifecycleTagIds, continueAsNewAfter, true, debounceMillis,
                emailWaitMillis);
    }

    public EntitlementMachine machine() {
        return new EntitlementMachine(new PlanCatalog(plans, lifecycleTagIds), Duration.ofMillis(gracePeriodMillis));
    }
}
