package io.memberflow.reconcile;

import io.memberflow.integrations.RatePacer;
import io.memberflow.config.EngineConfiguration;
import io.memberflow.config.IntegrationProperties;
import io.memberflow.domain.Plan;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.kit.KitSuppressions;
import io.memberflow.persistence.CustomerView;
import io.memberflow.persistence.CustomerViewStore;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.quota.CircleQuota;
import io.memberflow.quota.QuotaPaused;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drift report, one page of {@code customer_view} at a time (keyset paging by customer id): checks each customer
 * with {@link DriftCheck} and counts what it finds. Report only: it never changes Circle, Kit or a workflow. Logs
 * customer ids and counts only, never an e-mail address.
 */
@Singleton
@Requires(property = "memberflow.role", notEquals = "worker")
public class DriftReporter {
    static final int MAX_EXAMPLES = 20;
    static final String SHADOW = "skipped: shadow mode";
    static final String QUOTA = "skipped: Circle's monthly quota share for background work is spent";
    private static final Logger LOG = LoggerFactory.getLogger(DriftReporter.class);
    private static final List<String> KINDS = List.of(CustomerDrift.OK, CustomerDrift.CIRCLE_MISSING,
            CustomerDrift.KIT_TAG_MISSING, CustomerDrift.KIT_TAG_EXTRA, CustomerDrift.NO_EMAIL, CustomerDrift.CHECK_FAILED);

    private final CustomerViewStore store;
    private final boolean circleOn;
    private final boolean kitOn;
    private final DriftCheck check;
    private final CircleQuota quota;

    public DriftReporter(CustomerViewStore store, IntegrationProperties.Circle circle, IntegrationProperties.Kit kit,
                         EngineConfiguration engine, ReconcileProperties pace, KitSuppressions suppressions,
                         CircleQuota quota) {
        this.store = store;
        this.circleOn = circle.enabled();
        this.kitOn = kit.enabled();
        Set<Long> configured = new HashSet<>(engine.settings().lifecycleTagIds().values());
        for (Plan plan : engine.settings().plans()) {
            configured.addAll(plan.tagIds());
        }
        this.quota = quota;
        this.check = new DriftCheck(circleOn ? new CircleClient(circle.apiUrl(), circle.apiToken(),
                VendorHttp.defaultHttpClient().newBuilder().addInterceptor(quota.interceptor(CircleQuota.Purpose.BACKGROUND))
                        .build()) : null,
                kitOn ? new KitClient(kit.apiUrl(), kit.apiKey()) : null,
                new RatePacer(pace.circlePerSecond()), new RatePacer(pace.kitPerSecond(kit.requestsPerMinute())), configured,
                email -> suppressions.reason(email).isPresent());
    }

    public DriftPage page(@Nullable String afterCustomerId, int limit) {
        String circle = circleOn ? "checked" : SHADOW;
        String kit = kitOn ? "checked" : SHADOW;
        Map<String, Integer> counts = new LinkedHashMap<>();
        KINDS.forEach(kind -> counts.put(kind, 0));
        if (!circleOn && !kitOn) {
            return new DriftPage(0, counts, List.of(), afterCustomerId, false, circle, kit, "shadow mode");
        }
        int size = Math.max(1, Math.min(200, limit));
        List<CustomerView> rows = store.pageAfter(afterCustomerId, size + 1);
        boolean hasMore = rows.size() > size;
        List<CustomerView> page = hasMore ? rows.subList(0, size) : rows;
        List<DriftPage.Example> examples = new ArrayList<>();
        long circleChecks = page.stream().mapToLong(v -> v.circleAccessGroupIds().size()).sum();
        boolean circleAllowed = circleOn;
        if (circleOn) {
            try {
                quota.requireBackground(circleChecks, "this drift report page", false);
            } catch (QuotaPaused e) {
                circleAllowed = false;
                circle = QUOTA + " (" + quota.usage().backgroundLeft() + " left of background work's share this month)";
            }
        }
        for (CustomerView view : page) {
            CustomerDrift drift = check.check(view, circleAllowed);
            for (String kind : drift.kinds()) {
                counts.merge(kind, 1, Integer::sum);
                if (!kind.equals(CustomerDrift.OK) && examples.size() < MAX_EXAMPLES) {
                    String detail = kind.equals(CustomerDrift.CHECK_FAILED) ? String.join(", ", drift.failed()) : null;
                    examples.add(new DriftPage.Example(drift.customerId(), kind, drift.ids(kind), detail));
                }
            }
        }
        String next = page.isEmpty() ? afterCustomerId : page.get(page.size() - 1).customerId();
        LOG.info("Drift report page after {}: {} customer(s), {}", afterCustomerId == null ? "the start" : afterCustomerId,
                page.size(), counts);
        return new DriftPage(page.size(), counts, examples, next, hasMore, circle, kit, null);
    }
}
