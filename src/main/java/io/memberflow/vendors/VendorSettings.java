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

    /** A vendor's credential ({@code key}) is set. */
    abstract static class CredentialSet implements Condition {
        private final String key;

        CredentialSet(String key) {
            this.key = key;
        }

        @Override
        public boolean matches(ConditionContext context) {
            return isSet(context, key);
        }
    }

    /** The twin of an {@code …On} condition: matches exactly when it does not, so one bean of the pair exists. */
    abstract static class Not implements Condition {
        private final Condition on;

        Not(Condition on) {
            this.on = on;
        }

        @Override
        public boolean matches(ConditionContext context) {
            return !on.matches(context);
        }
    }

    /** Circle's API token is set. */
    public static final class CircleOn extends CredentialSet {
        public CircleOn() {
            super(CIRCLE_TOKEN);
        }
    }

    /** Circle's API token is not set: shadow mode. */
    public static final class CircleOff extends Not {
        public CircleOff() {
            super(new CircleOn());
        }
    }

    /** Kit's API key is set. */
    public static final class KitOn extends CredentialSet {
        public KitOn() {
            super(KIT_KEY);
        }
    }

    /** Kit's API key is not set: shadow mode. */
    public static final class KitOff extends Not {
        public KitOff() {
            super(new KitOn());
        }
    }

    /** Stripe's API key is set: billing is read from Stripe. */
    public static final class StripeOn extends CredentialSet {
        public StripeOn() {
            super(STRIPE_KEY);
        }
    }

    /** Stripe's API key is not set: billing comes from webhook payloads only. */
    public static final class StripeOff extends Not {
        public StripeOff() {
            super(new StripeOn());
        }
    }
}
