package io.memberflow.admin;

import io.memberflow.config.IntegrationProperties;
import io.memberflow.config.StripeProperties;
import io.memberflow.config.TemporalProperties;
import io.memberflow.domain.MemberStatus;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxHealth;
import io.memberflow.observability.Metrics;
import io.memberflow.observability.VendorHealth;
import io.memberflow.persistence.ConsoleRows;
import io.memberflow.persistence.ConsoleStore;
import io.memberflow.persistence.SupportTask;
import io.memberflow.persistence.SupportTaskRepository;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes the {@link Overview} from the database, this process's counters and the configuration. */
@Singleton
public class OverviewService {
    static final int ATTENTION_SHOWN = 50;
    static final String PARKED_TODO = "No Stripe customer is known for this event. Set STRIPE_API_KEY (a restricted key"
            + " that can read charges) and the relay looks it up again; otherwise find the charge's customer in Stripe"
            + " and block them by hand (action \"block\" on their page) until the dispute is settled.";

    private final ConsoleStore store;
    private final Inbox inbox;
    private final SupportTaskRepository tasks;
    private final AdminService admin;
    private final Metrics metrics;
    private final boolean circleShadow;
    private final boolean kitShadow;
    private final boolean stripeKey;
    private final boolean supportWebhook;
    private final boolean embeddedTemporal;
    private final Optional<LatestDrift> drift;
    private final io.memberflow.quota.CircleQuota quota;

    public OverviewService(ConsoleStore store, SupportTaskRepository tasks, AdminService admin, Metrics metrics,
                           IntegrationProperties.Circle circle, IntegrationProperties.Kit kit,
                           IntegrationProperties.Support support, StripeProperties stripe, TemporalProperties temporal,
                           Optional<LatestDrift> drift, io.memberflow.quota.CircleQuota quota,
                           Inbox inbox) {
        this.inbox = inbox;
        this.drift = drift;
        this.quota = quota;
        this.store = store;
        this.tasks = tasks;
        this.admin = admin;
        this.metrics = metrics;
        this.circleShadow = !circle.enabled();
        this.kitShadow = !kit.enabled();
        this.stripeKey = stripe.hasApiKey();
        this.supportWebhook = support.webhookUrl() != null && !support.webhookUrl().isBlank();
        this.embeddedTemporal = temporal.embedded();
    }

    public Overview overview() {
        Instant now = Instant.now();
        Map<String, Long> counted = store.countByState();
        Map<String, Long> byState = new LinkedHashMap<>();
        for (MemberStatus s : MemberStatus.values()) {
            byState.put(s.name(), counted.getOrDefault(s.name(), 0L));
        }
        counted.forEach(byState::putIfAbsent);
        long members = byState.values().stream().mapToLong(Long::longValue).sum();
        List<Overview.Attention> attention = store.needingAttention(ATTENTION_SHOWN).stream()
                .map(a -> new Overview.Attention(a.customer().customerId(), a.customer().email(), a.customer().state(),
                        a.customer().attention() != null ? a.customer().attention()
                                : a.customer().lastFailure() != null ? a.customer().lastFailure()
                                : "An open support task waits for a person.", a.since()))
                .toList();
        List<AdminService.TaskView> open = new ArrayList<>(admin.tasks(SupportTask.OPEN));
        open.sort(Comparator.comparing(AdminService.TaskView::createdAt));
        io.memberflow.quota.CircleUsage u = quota.usage();
        Overview.CircleQuota circleQuota = new Overview.CircleQuota(!circleShadow, u.month().toString(), u.used(), u.live(),
                u.background(), u.quota(), u.backgroundBudget(), u.backgroundLeft(), u.projected(), u.resetsAt());
        return new Overview(now, byState, members, intake(now), vendors(now), attention, open, banners(),
                drift.flatMap(d -> d.latest(now)).orElse(null), circleQuota);
    }

    private Overview.Intake intake(Instant now) {
        InboxHealth health = inbox.health(now);
        List<Overview.Parked> parked = health.parked().stream()
                .map(p -> new Overview.Parked(p.eventId(), p.eventType(), p.receivedAt(), p.attempts(), PARKED_TODO))
                .toList();
        Metrics.WebhookAnswers answers = metrics.webhookAnswers();
        Double share = answers.total() == 0 ? null : (double) answers.not2xx() / answers.total();
        return new Overview.Intake(health.lastReceivedAt(), health.lastDispatchedAt(), health.perMinute(),
                Arrays.stream(health.perMinute()).sum(), health.relayBacklog(), health.oldestBacklogAt(),
                health.parkedCount(), parked, answers.total(), answers.not2xx(), share, answers.since(),
                "counted by this process since it started");
    }

    private List<Overview.Vendor> vendors(Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<Overview.Vendor> vendors = new ArrayList<>();
        vendors.add(fromAudit(store.vendor("Circle", "side-effect", "circle ", "circle ", hourAgo), true, circleShadow));
        vendors.add(fromAudit(store.vendor("Kit", "side-effect", "kit ", "kit ", hourAgo), true, kitShadow));
        vendors.add(fromAudit(store.vendor("Stripe reads", "stripe", "", "stripe read", hourAgo), stripeKey, false));
        VendorHealth.Snapshot s = VendorHealth.SUPPORT_WEBHOOK.snapshot();
        vendors.add(new Overview.Vendor("Support webhook", supportWebhook, false, s.lastSuccessAt(), s.lastFailureAt(),
                s.lastFailure(), s.callsLastHour(), s.failuresLastHour(), "this process's memory since it started"));
        return vendors;
    }

    private static Overview.Vendor fromAudit(ConsoleRows.VendorAudit a, boolean configured, boolean shadow) {
        return new Overview.Vendor(a.vendor(), configured, shadow, a.lastSuccessAt(), a.lastFailureAt(),
                a.lastFailure(), a.callsLastHour(), a.failuresLastHour(), "audit trail");
    }

    private List<Overview.Banner> banners() {
        List<Overview.Banner> banners = new ArrayList<>();
        if (embeddedTemporal) {
            banners.add(new Overview.Banner("embedded-temporal", "Temporal is embedded in this process and keeps nothing"
                    + " across restarts: workflows, timers and their history start empty after each restart. Set"
                    + " TEMPORAL_ADDRESS for a real Temporal."));
        }
        if (circleShadow || kitShadow) {
            String which = circleShadow && kitShadow ? "Circle and Kit" : circleShadow ? "Circle" : "Kit";
            banners.add(new Overview.Banner("shadow-mode", which + " run in shadow mode (no credentials): calls are"
                    + " recorded, not made. Set " + (circleShadow ? "CIRCLE_API_TOKEN" : "")
                    + (circleShadow && kitShadow ? " and " : "") + (kitShadow ? "KIT_API_KEY" : "") + " to make them."));
        }
        if (!stripeKey) {
            banners.add(new Overview.Banner("no-stripe-key", "STRIPE_API_KEY is not set: billing comes from webhook"
                    + " payloads only (never re-read from Stripe), and disputes that name only a charge are parked."));
        }
        return banners;
    }
}
