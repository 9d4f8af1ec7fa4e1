package io.memberflow.admin;

import io.memberflow.domain.AccessOverride;
import io.memberflow.domain.Entitlements;
import io.memberflow.domain.MemberState;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Says, before an operator confirms it, what an action will do to a customer: "Revoke Circle access for
 * sam@example.com: removes groups Pro (101)". With the workflow's state the changes are computed exactly (what
 * billing would require after the action, against what Circle and Kit have); without it, the sentence says so.
 */
final class ActionPlan {
    static final List<String> ACTIONS = List.of("retrySync", "grantAccess", "revokeAccess", "clearOverride", "block", "unblock");

    private ActionPlan() {
    }

    static String label(String action) {
        return switch (action) {
            case "retrySync" -> "Retry sync (re-apply what billing requires)";
            case "grantAccess" -> "Grant Circle access (override billing)";
            case "revokeAccess" -> "Revoke Circle access (override billing)";
            case "clearOverride" -> "Clear the access override";
            case "block" -> "Block (state BLOCKED, access revoked)";
            case "unblock" -> "Unblock";
            default -> action;
        };
    }

    static String describe(String action, String who, Optional<LiveState.Live> live, LiveState state, PlanNames names) {
        String head = switch (action) {
            case "retrySync" -> "Retry sync for " + who;
            case "grantAccess" -> "Grant Circle access for " + who + " whatever billing says, until the override is cleared";
            case "revokeAccess" -> "Revoke Circle access for " + who + " whatever billing says, until the override is cleared";
            case "clearOverride" -> "Clear the access override for " + who + " so access follows billing again";
            case "block" -> "Block " + who + " (state BLOCKED) until unblocked";
            case "unblock" -> "Unblock " + who + " so their state is what billing says again";
            default -> throw new AdminService.InvalidRequest("action must be one of " + ACTIONS);
        };
        if (live.isEmpty()) {
            return head + ". The customer's workflow did not answer, so the exact changes at Circle and Kit cannot be"
                    + " listed here.";
        }
        MemberState member = live.get().member();
        MemberState after = switch (action) {
            case "grantAccess" -> member.withOverride(AccessOverride.GRANT);
            case "revokeAccess" -> member.withOverride(AccessOverride.REVOKE);
            case "clearOverride" -> member.withOverride(AccessOverride.NONE);
            case "block" -> member.withOperatorBlocked(true);
            case "unblock" -> member.withOperatorBlocked(false);
            default -> member;
        };
        return head + ": " + changes(member.applied(), state.requiredFor(after), names);
    }

    /** The changes that take the vendors from {@code applied} to {@code required}, in words. */
    static String changes(Entitlements applied, Entitlements required, PlanNames names) {
        List<String> parts = new java.util.ArrayList<>();
        TreeSet<Long> addGroups = minus(required.accessGroupIds(), applied.accessGroupIds());
        TreeSet<Long> removeGroups = minus(applied.accessGroupIds(), required.accessGroupIds());
        TreeSet<Long> addTags = minus(required.tagIds(), applied.tagIds());
        TreeSet<Long> removeTags = minus(applied.tagIds(), required.tagIds());
        if (!addGroups.isEmpty()) {
            parts.add("adds Circle groups " + names.groups(addGroups));
        }
        if (!removeGroups.isEmpty()) {
            parts.add("removes Circle groups " + names.groups(removeGroups));
        }
        if (!addTags.isEmpty()) {
            parts.add("adds Kit tags " + names.tags(addTags));
        }
        if (!removeTags.isEmpty()) {
            parts.add("removes Kit tags " + names.tags(removeTags));
        }
        return parts.isEmpty() ? "no change at Circle or Kit (they already match)" : String.join("; ", parts);
    }

    static TreeSet<Long> minus(java.util.Set<Long> a, java.util.Set<Long> b) {
        TreeSet<Long> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
