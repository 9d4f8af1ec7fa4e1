package io.memberflow.reconcile;

import io.memberflow.integrations.RatePacer;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.integrations.kit.KitSubscriber;
import io.memberflow.persistence.CustomerView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares one customer's applied Circle groups and Kit tags ({@code customer_view}) with what Circle and Kit hold
 * for the customer's e-mail address. Read-only; every vendor request first waits its turn at that vendor's
 * {@link RatePacer}. A null client means that vendor is in shadow mode and is not checked.
 */
final class DriftCheck {
    private final CircleClient circle;
    private final KitClient kit;
    private final RatePacer circlePacer;
    private final RatePacer kitPacer;
    private final Set<Long> configuredTags;

    DriftCheck(CircleClient circle, KitClient kit, RatePacer circlePacer, RatePacer kitPacer, Set<Long> configuredTags) {
        this.circle = circle;
        this.kit = kit;
        this.circlePacer = circlePacer;
        this.kitPacer = kitPacer;
        this.configuredTags = Set.copyOf(configuredTags);
    }

    CustomerDrift check(CustomerView view) {
        String email = view.email();
        List<String> failed = new ArrayList<>();
        if (email == null || email.isBlank()) {
            boolean applied = !view.circleAccessGroupIds().isEmpty() || !view.kitTagIds().isEmpty();
            return new CustomerDrift(view.customerId(), Set.of(), Set.of(), Set.of(), Set.of(), null, failed, applied);
        }
        Set<Long> circleMissing = new TreeSet<>();
        if (circle != null) {
            try {
                for (Long group : view.circleAccessGroupIds()) {
                    circlePacer.acquire();
                    if (!circle.isInAccessGroup(group, email)) {
                        circleMissing.add(group);
                    }
                }
            } catch (VendorCallException e) {
                failed.add(failure(e));
            }
        }
        Set<Long> tagMissing = new TreeSet<>();
        Set<Long> tagExtra = new TreeSet<>();
        if (kit != null) {
            try {
                Set<Long> held = kitTags(email);
                tagMissing.addAll(view.kitTagIds());
                tagMissing.removeAll(held);
                for (Long tag : held) {
                    if (configuredTags.contains(tag) && !view.kitTagIds().contains(tag)) {
                        tagExtra.add(tag);
                    }
                }
            } catch (VendorCallException e) {
                failed.add(failure(e));
                tagMissing.clear();
            }
        }
        return new CustomerDrift(view.customerId(), circleMissing, Set.of(), tagMissing, tagExtra, null, failed, false);
    }

    /** The tags Kit holds for the address; none when Kit has no such subscriber. */
    private Set<Long> kitTags(String email) {
        kitPacer.acquire();
        Optional<KitSubscriber> subscriber = kit.findSubscriber(email);
        if (subscriber.isEmpty()) {
            return Set.of();
        }
        kitPacer.acquire();
        return kit.subscriberTags(subscriber.get().id());
    }

    /** Vendor and status only: the exception's text is redacted, but ids are all the report shows. */
    private static String failure(VendorCallException e) {
        return e.getVendor() + (e.getHttpStatus() == 0 ? " no answer" : " HTTP " + e.getHttpStatus());
    }
}
