package io.memberflow.reconcile;

import io.memberflow.activities.SupportActivities;
import io.memberflow.activities.SupportTaskInput;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Members of a paid Circle group whose address belongs to no customer memberflow knows ({@link ListedMembers} looked
 * them up): memberflow must not decide alone (a comp, a team member, a customer paying elsewhere), so each is counted
 * and, in repair mode, given one support task (key {@code circle-member:<id>:unknown_member}, idempotent across
 * runs). The task names the Circle member id and groups, never the address.
 */
final class UnknownMembers {
    private final SupportActivities support;

    UnknownMembers(SupportActivities support) {
        this.support = support;
    }

    /** @return the support tasks opened (or found open) */
    int report(Roster roster, Set<Long> paidGroups, boolean openTasks, BiConsumer<String, DriftExample> found) {
        if (!roster.circleRead) {
            return 0;
        }
        int tasks = 0;
        for (Map.Entry<Long, Set<Long>> unknown : new java.util.TreeMap<>(roster.unknownMembers).entrySet()) {
            long memberId = unknown.getKey();
            Set<Long> groups = new TreeSet<>(unknown.getValue());
            groups.retainAll(paidGroups);
            if (groups.isEmpty()) {
                continue;
            }
            String subject = "circle-member:" + memberId;
            found.accept(ReconcileRun.UNKNOWN_MEMBER, new DriftExample(subject, ReconcileRun.UNKNOWN_MEMBER, groups,
                    "in a paid group with no Stripe customer"));
            if (openTasks) {
                support.openTask(new SupportTaskInput(subject + ":unknown_member", subject, ReconcileRun.UNKNOWN_MEMBER,
                        null, "Circle member " + memberId + " is in paid access group(s) " + groups
                                + " but no Stripe customer in memberflow has their address",
                        Map.of("circleMemberId", String.valueOf(memberId),
                                "accessGroupIds", groups.toString(),
                                "recover", "look the member up in Circle: remove them from the group, or grant "
                                        + "access on purpose with a grantAccess override on their customer")));
                tasks++;
            }
        }
        return tasks;
    }
}
