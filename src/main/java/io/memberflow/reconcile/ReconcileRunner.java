package io.memberflow.reconcile;

import io.memberflow.config.WorkerRole;
import com.stripe.StripeClient;
import io.memberflow.integrations.RatePacer;
import io.memberflow.activities.SupportActivities;
import io.memberflow.config.EngineConfiguration;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.domain.Plan;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.kit.KitSuppressions;
import io.memberflow.persistence.CircleMemberStore;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.quota.CircleQuota;
import io.memberflow.temporal.WorkflowGateway;
import io.memberflow.vendors.VendorClients;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ReconcileActivities}: builds a {@link DriftReconciler} per run from the configured vendors' background
 * clients ({@link VendorClients#BACKGROUND}: Circle and Kit when their credentials are set, Stripe when
 * {@code STRIPE_API_KEY} is) and runs it. The run id is the calling
 * workflow's id, or the run being resumed. Pacers are per process and shared by successive runs. Circle requests are
 * counted as background spending and stop at its share of the monthly quota ({@link CircleQuota}): the run is then
 * {@code paused_quota}, which ends the activity normally (no Temporal retry would help).
 */
@Singleton
@WorkerRole
public class ReconcileRunner implements ReconcileActivities {
    private final io.micrometer.core.instrument.MeterRegistry metrics;
    private final CustomerViewStore store;
    private final CircleMemberStore members;
    private final CircleQuota quota;
    private final ReconcileRuns runs;
    private final WorkflowGateway gateway;
    private final SupportActivities support;
    private final KitSuppressions suppressions;
    private final Optional<CircleClient> circle;
    private final Optional<KitClient> kit;
    private final Optional<StripeClient> stripe;
    private final ReconcileProperties properties;
    private final Set<Long> paidGroups = new HashSet<>();
    private final Set<Long> tags = new HashSet<>();
    private final RatePacer circlePacer;
    private final RatePacer kitPacer;
    private final RatePacer stripePacer;
    private Clock clock = Clock.systemUTC();

    public ReconcileRunner(CustomerViewStore store, ReconcileRuns runs, WorkflowGateway gateway, SupportActivities support,
                           KitSuppressions suppressions, @Named(VendorClients.BACKGROUND) Optional<CircleClient> circle,
                           @Named(VendorClients.BACKGROUND) Optional<KitClient> kit, Optional<StripeClient> stripe,
                           IntegrationProperties.Kit kitSettings, EngineConfiguration engine, ReconcileProperties properties,
                           io.micrometer.core.instrument.MeterRegistry metrics, CircleMemberStore members,
                           CircleQuota quota) {
        this.members = members;
        this.quota = quota;
        this.metrics = metrics;
        this.store = store;
        this.runs = runs;
        this.gateway = gateway;
        this.support = support;
        this.suppressions = suppressions;
        this.circle = circle;
        this.kit = kit;
        this.stripe = stripe;
        this.properties = properties;
        for (Plan plan : engine.settings().plans()) {
            paidGroups.addAll(plan.accessGroupIds());
            tags.addAll(plan.tagIds());
        }
        tags.addAll(engine.settings().lifecycleTagIds().values());
        this.circlePacer = new RatePacer(properties.circlePerSecond());
        this.kitPacer = new RatePacer(properties.kitPerSecond(kitSettings.requestsPerMinute()));
        this.stripePacer = new RatePacer(properties.stripePerSecond());
    }

    /** True when Circle or Kit can be compared (not both in shadow mode). */
    public boolean enabled() {
        return circle.isPresent() || kit.isPresent();
    }

    @Override
    public ReconcileResult reconcile(ReconcileRequest request) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        String runId = request.resume() != null ? request.resume() : context.getInfo().getWorkflowId();
        ReconcileRun run;
        try {
            run = run(runId, request, () -> context.heartbeat(null));
        } catch (PatientCalls.RunStopped e) {
            // final: another attempt would get the same answer (and, at Circle, spend quota on it)
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "ReconcileStopped");
        }
        return new ReconcileResult(run.id(), run.mode(), run.checked(), run.counts(), run.repairsSent(), run.tasksOpened(),
                run.status());
    }

    /** One run outside an activity (tests, benchmarks); {@code heartbeat} is called after every page. */
    public ReconcileRun run(String runId, ReconcileRequest request, Runnable heartbeat) {
        if (!enabled()) {
            throw new IllegalArgumentException("Circle and Kit are in shadow mode: nothing to reconcile");
        }
        String mode = request.mode() != null ? request.mode() : properties.mode();
        boolean overQuota = request.spendsBeyondShare();
        RosterLoader loader = new RosterLoader(
                circle.orElse(null), kit.orElse(null), stripe.orElse(null), // RosterLoader: null = not compared
                circlePacer, kitPacer, stripePacer,
                new PatientCalls(properties.retryBackoff(), properties.giveUpAfter(), w -> Thread.sleep(w.toMillis())),
                new ListedMembers(members, store, clock),
                (requests, what) -> quota.requireBackground(requests, what, overQuota));
        DriftReconciler reconciler = new DriftReconciler(store, runs, loader, new UnknownMembers(support),
                gateway::repairDrift, email -> suppressions.reason(email).isPresent(), clock, paidGroups, tags, DriftReconciler.PAGE,
                drift -> drift.kinds().forEach(kind -> metrics.counter("memberflow_drift_found_total", "kind", kind).increment()));
        return reconciler.run(runId, mode, request.trigger(), heartbeat);
    }
}
