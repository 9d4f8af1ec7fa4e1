package io.memberflow.reconcile;

import io.memberflow.standin.CircleStandIn;
import io.memberflow.standin.KitStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared vendor stand-ins ({@link CircleStandIn}, {@link KitStandIn}) set up for the reconciliation tests: Circle
 * access groups 101 and 102, Kit tags 9001 (plan), 9100 and 9102 (lifecycle), and memberflow's settings to reach them.
 * Tests change what the vendors hold "by hand" through the stand-ins.
 */
final class ReconcileStandIns implements AutoCloseable {
    final CircleStandIn circle;
    final KitStandIn kit;

    ReconcileStandIns() {
        try {
            circle = new CircleStandIn("circle-token", Duration.ZERO, 0, 0).accessGroup(101, 102);
            kit = new KitStandIn("kit-key", Duration.ZERO, 0, 0).tag(9001, 9100, 9102);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String circleUrl() {
        return circle.baseUrl();
    }

    String kitUrl() {
        return kit.baseUrl();
    }

    /**
     * memberflow's settings for tests against these stand-ins: admin token, Circle and Kit credentials, plan "pro"
     * (price {@code price}, Circle group 101, Kit tag 9001), unthrottled reconciliation pace, short retry waits, plus
     * {@code more}.
     */
    Map<String, String> properties(String adminToken, String price, Map<String, String> more) {
        Map<String, String> p = new HashMap<>(Map.of("memberflow.admin.token", adminToken,
                "memberflow.circle.api-token", "circle-token", "memberflow.circle.api-url", circleUrl(),
                "memberflow.kit.api-key", "kit-key", "memberflow.kit.api-url", kitUrl(),
                "memberflow.plans.pro.stripe-price-ids", price,
                "memberflow.plans.pro.circle-access-group-ids", "101",
                "memberflow.plans.pro.kit-tag-ids", "9001",
                "memberflow.reconcile.circle-per-second", "500",
                "memberflow.reconcile.retry-backoff", "10ms"));
        p.put("memberflow.reconcile.rate-limit-wait", "1s");
        p.put("memberflow.kit.requests-per-minute", "100000");
        p.putAll(more);
        return p;
    }

    /** A paying member as Circle and Kit hold them after memberflow's signup: group 101, tag 9001. */
    long payingMember(String email) {
        kit.seedSubscriber(email, Set.of(9001L));
        return circle.seedMember(email, Set.of(101L));
    }

    @Override
    public void close() {
        circle.close();
        kit.close();
    }
}
