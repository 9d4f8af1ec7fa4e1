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
import java.util.function.Predicate;

/**
 * The page-by-page drift report's check of one customer: asks Circle and Kit about this customer's address alone
 * (one membership check per applied group; the Kit subscriber and its tags) into a one-customer {@link Roster}, then
 * compares with {@link DriftCompare}, as a reconciliation run does. Read-only; every vendor request first waits its
 * turn at that vendor's {@link RatePacer}. A null client means that vendor is in shadow mode and is not checked. A
 * failed vendor is reported in {@code failed} and that vendor's drift is left out (a Circle group whose check
 * failed counts as held).
 */
final class DriftCheck {
    private final CircleClient circle;
    private final KitClient kit;
    private final RatePacer circlePacer;
    private final RatePacer kitPacer;
    private final DriftCompare compare;
    private final Predicate<String> suppressed;

    DriftCheck(CircleClient circle, KitClient kit, RatePacer circlePacer, RatePacer kitPacer, Set<Long> configuredTags,
               Predicate<String> suppressed) {
        this.circle = circle;
        this.kit = kit;
        this.circlePacer = circlePacer;
        this.kitPacer = kitPacer;
        this.compare = new DriftCompare(Set.of(), configuredTags); // one group at a time: no "extra" member to see
        this.suppressed = suppressed;
    }

    /** @param circleAllowed false: Circle is not asked (its share of the monthly quota is spent) and shows no drift */
    CustomerDrift check(CustomerView view, boolean circleAllowed) {
        String email = view.email();
        List<String> failed = new ArrayList<>();
        boolean circleChecked = circle != null && circleAllowed;
        Roster roster = new Roster(circleChecked, false, false);
        if (kit != null && email != null && !email.isBlank()) {
            try {
                roster = kitRoster(email, circleChecked);
            } catch (VendorCallException e) {
                failed.add(failure(e));
            }
        }
        if (circleChecked && email != null && !email.isBlank()) {
            java.util.Set<Long> held = new java.util.HashSet<>();
            for (Long group : view.circleAccessGroupIds()) {
                if (holds(group, email, failed)) {
                    held.add(group);
                }
            }
            roster.heldByCustomer.put(view.customerId(), held);
        }
        CustomerDrift drift = compare.compare(view, roster, suppressed);
        return new CustomerDrift(drift.customerId(), drift.circleMissing(), drift.circleExtra(), drift.kitTagMissing(),
                drift.kitTagExtra(), drift.billing(), failed, drift.noEmail());
    }

    /** What Kit holds for this address: the subscriber's tags and state (none when there is no subscriber). */
    private Roster kitRoster(String email, boolean circleChecked) {
        Roster roster = new Roster(circleChecked, true, false);
        kitPacer.acquire();
        Optional<KitSubscriber> subscriber = kit.findSubscriber(email);
        if (subscriber.isPresent()) {
            kitPacer.acquire();
            for (Long tag : kit.subscriberTags(subscriber.get().id())) {
                roster.kitSubscriber(tag, email, subscriber.get().state());
            }
        }
        return roster;
    }

    /** One membership check; after a Circle failure, the remaining groups are not asked and count as held. */
    private boolean holds(long group, String email, List<String> failed) {
        if (failed.stream().anyMatch(f -> f.startsWith("circle"))) {
            return true;
        }
        try {
            circlePacer.acquire();
            return circle.isInAccessGroup(group, email);
        } catch (VendorCallException e) {
            failed.add(failure(e));
            return true;
        }
    }

    /** Vendor and status only: the exception's text is redacted, but ids are all the report shows. */
    private static String failure(VendorCallException e) {
        return e.getVendor() + (e.getHttpStatus() == 0 ? " no answer" : " HTTP " + e.getHttpStatus());
    }
}
