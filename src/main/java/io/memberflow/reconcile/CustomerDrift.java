package io.memberflow.reconcile;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one customer's check found: the Circle groups memberflow applied that Circle does not hold
 * ({@code circleMissing}), configured paid groups Circle holds that memberflow did not apply ({@code circleExtra}),
 * the Kit tags it applied that Kit lacks ({@code kitTagMissing}), the configured plan or lifecycle tags Kit holds
 * that memberflow did not apply ({@code kitTagExtra}), how billing disagrees with the record ({@code billing}: one
 * of {@link #STRIPE_ENDED} or {@link #STRIPE_STARTED}, null when it agrees or was not checked) and whether groups
 * or tags were applied to a customer without an address ({@code noEmail}). Ids only: never an e-mail address.
 */
public record CustomerDrift(String customerId, Set<Long> circleMissing, Set<Long> circleExtra, Set<Long> kitTagMissing,
                            Set<Long> kitTagExtra, @Nullable String billing, boolean noEmail) {

    public static final String OK = "ok";
    public static final String CIRCLE_MISSING = "circle_missing";
    public static final String CIRCLE_EXTRA = "circle_extra";
    public static final String KIT_TAG_MISSING = "kit_tag_missing";
    public static final String KIT_TAG_EXTRA = "kit_tag_extra";
    public static final String NO_EMAIL = "no_email";
    /** The record gives access, but Stripe lists no active, trialing or past-due subscription for the customer. */
    public static final String STRIPE_ENDED = "billing_ended";
    /** The record gives no access, but Stripe lists an active or trialing subscription. */
    public static final String STRIPE_STARTED = "billing_started";
    /** Every kind, in report order. */
    public static final List<String> KINDS = List.of(OK, CIRCLE_MISSING, CIRCLE_EXTRA, KIT_TAG_MISSING, KIT_TAG_EXTRA,
            STRIPE_ENDED, STRIPE_STARTED, NO_EMAIL);

    /** The kinds that apply, in a fixed order; {@code ok} alone when nothing is off. */
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        if (noEmail) {
            kinds.add(NO_EMAIL);
        }
        if (!circleMissing.isEmpty()) {
            kinds.add(CIRCLE_MISSING);
        }
        if (!circleExtra.isEmpty()) {
            kinds.add(CIRCLE_EXTRA);
        }
        if (!kitTagMissing.isEmpty()) {
            kinds.add(KIT_TAG_MISSING);
        }
        if (!kitTagExtra.isEmpty()) {
            kinds.add(KIT_TAG_EXTRA);
        }
        if (billing != null) {
            kinds.add(billing);
        }
        if (kinds.isEmpty()) {
            kinds.add(OK);
        }
        return kinds;
    }

    /** True when the customer's workflow has something to repair. */
    public boolean repairable() {
        return !circleMissing.isEmpty() || !circleExtra.isEmpty() || !kitTagMissing.isEmpty() || !kitTagExtra.isEmpty()
                || billing != null;
    }

    /** The ids behind one kind (empty for the others). */
    public Set<Long> ids(String kind) {
        return switch (kind) {
            case CIRCLE_MISSING -> circleMissing;
            case CIRCLE_EXTRA -> circleExtra;
            case KIT_TAG_MISSING -> kitTagMissing;
            case KIT_TAG_EXTRA -> kitTagExtra;
            default -> Set.of();
        };
    }
}
