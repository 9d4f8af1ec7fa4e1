package io.memberflow.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Why billing and what memberflow can apply disagree, in words support can act on. Pure: derived from the member
 * state and what it requires, so it cannot drift from them. A side effect that a vendor refuses is reported by
 * the workflow itself (it knows the vendor's answer); these are the problems no call can fix.
 */
public final class Attention {
    /** Billing gives access, but its prices name no plan (or several), so there are no groups to grant. */
    public static final String PLAN_UNKNOWN = "plan_unknown";
    /** Billing gives access, but no e-mail address is known, and Circle and Kit address members by e-mail. */
    public static final String EMAIL_MISSING = "email_missing";

    /** One problem: a stable {@code kind} (one support task per customer and kind) and a sentence. */
    public record Problem(String kind, String summary) {
    }

    private Attention() {
    }

    public static List<Problem> problems(MemberState m, Entitlements desired) {
        List<Problem> problems = new ArrayList<>();
        if (!m.accessGranted()) {
            return problems;
        }
        boolean subscriptionPlan = !m.accessFromOneOff(); // a standing one-off purchase names its own plan
        if (subscriptionPlan && m.planIssue() != null) {
            problems.add(new Problem(PLAN_UNKNOWN, "Billing says " + m.status().configKey() + ", but " + m.planIssue()
                    + ", so there are no Circle groups to grant. Fix the plans configuration (memberflow.plans), then"
                    + " send retrySync."));
        } else if (m.accessPlanName() == null) {
            problems.add(new Problem(PLAN_UNKNOWN, "Billing says " + m.status().configKey()
                    + ", but no subscription item has named a configured price yet, so there are no Circle groups to grant."));
        }
        if (m.email() == null && !(desired.accessGroupIds().isEmpty() && desired.tagIds().isEmpty())) {
            problems.add(new Problem(EMAIL_MISSING, "Billing says " + m.status().configKey()
                    + ", but no e-mail address is known for this customer, so Circle access and Kit tags cannot be given."));
        }
        return problems;
    }
}
