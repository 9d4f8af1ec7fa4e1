package io.memberflow.reconcile;

import io.memberflow.activities.SupportActivities;
import io.memberflow.activities.SupportTaskInput;
import io.memberflow.persistence.CustomerViewStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Members of a paid Circle group whose address belongs to no customer memberflow knows: memberflow must not decide
 * alone (a comp, a team member, a customer paying elsewhere), so each is counted and, in repair mode, given one
 * support task (key {@code circle-member:<id>:unknown_member}, idempotent across runs). The task names the Circle
 * member id and groups, not the address.
 */
final class UnknownMembers {
    private static final int BATCH = 1000;
    private final CustomerViewStore customers;
    private final SupportActivities support;

    UnknownMembers(CustomerViewStore customers, SupportActivities support) {
        this.customers = customers;
        this.support = support;
    }

    /** @return the support tasks opened (or found open) */
    int report(Roster roster, Set<Long> paidGroups, boolean openTasks, BiConsumer<String, DriftPage.Example> found) {
        if (!roster.circleRead) {
            return 0;
        }
        List<String> emails = new ArrayList<>(roster.circleGroups.keySet());
        int tasks = 0;
        for (int from = 0; from < emails.size(); from += BATCH) {
            List<String> batch = emails.subList(from, Math.min(emails.size(), from + BATCH));
            Set<String> known = customers.knownEmails(batch);
            for (String email : batch) {
                if (known.contains(email)) {
                    continue;
                }
                Set<Long> groups = new TreeSet<>(roster.circleGroups.get(email));
                groups.retainAll(paidGroups);
                if (groups.isEmpty()) {
                    continue;
                }
                long memberId = roster.circleMemberIds.getOrDefault(email, 0L);
                String subject = "circle-member:" + memberId;
                found.accept(ReconcileRun.UNKNOWN_MEMBER, new DriftPage.Example(subject, ReconcileRun.UNKNOWN_MEMBER, groups,
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
        }
        return tasks;
    }
}
