package io.memberflow.domain;

import java.util.Locale;

/**
 * Canonical member state. The first seven values are what billing can say; {@link #REFUNDED} and
 * {@link #BLOCKED} only ever come from the overlays of {@link MemberState}.
 */
public enum MemberStatus {
    LEAD, TRIALING, ACTIVE, PAST_DUE, SUSPENDED, PAUSED, CANCELED, REFUNDED, BLOCKED;

    /** True only for TRIALING, ACTIVE and PAST_DUE (a past-due member keeps access during grace). */
    public boolean hasAccess() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }

    /** Kebab-case key used in configuration, e.g. {@code "past-due"}. */
    public String configKey() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    boolean isBillingStatus() {
        return this != REFUNDED && this != BLOCKED;
    }
}
