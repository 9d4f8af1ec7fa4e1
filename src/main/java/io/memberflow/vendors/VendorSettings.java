package io.memberflow.vendors;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * Which vendors this process talks to, decided once from their credentials: a vendor whose credential is set (not
 * blank) gets real clients from {@link VendorClients}; one without gets the shadow beans instead (calls recorded, not
 * made). Beans choose with {@code @Requires(condition = VendorSettings.CircleOn.class)} and its {@code …Off} twin,
 * so exactly one of the pair exists in any configuration.
 */
public final class VendorSettings {
    /** {@code CIRCLE_API_TOKEN}. */
    public static final String CIRCLE_TOKEN = "memberflow.circle.api-token";
    /** {@code KIT_API_KEY}. */
    public static final String KIT_KEY = "memberflow.kit.api-key";
    /** {@code STRIPE_API_KEY}. */
    public static final String STRIPE_KEY = "memberflow.stripe.api-key";

    private VendorSettings() {
    }

    static boolean isSet(ConditionContext context, String key) {
        return context.getProperty(key, String.class).filter(value -> !value.isBlank()).isPresent();
    }

    /** Circle's API token is set. */
    public static final class CircleOn implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return isSet(context, CIRCLE_TOKEN);
        }
    }

    /** Circle's API token is not set: shadow mode. */
    public static final class CircleOff implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !isSet(context, CIRCLE_TOKEN);
        }
    }

    /** Kit's API key is set. */
    public static final class KitOn implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return isSet(context, KIT_KEY);
        }
    }

    /** Kit's API key is not set: shadow mode. */
    public static final class KitOff implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !isSet(context, KIT_KEY);
        }
    }

    /** Stripe's API key is set: billing is read from Stripe. */
    public static final class StripeOn implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return isSet(context, STRIPE_KEY);
        }
    }

    /** Stripe's API key is not set: billing comes from webhook payloads only. */
    public static final class StripeOff implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !isSet(context, STRIPE_KEY);
        }
    }
}
