package io.memberflow.reconcile;

import io.memberflow.integrations.circle.CircleMember;
import io.memberflow.persistence.CircleMemberStore;
import io.memberflow.persistence.CustomerView;
import io.memberflow.persistence.CustomerViewStore;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches the members a run listed in Circle's paid groups (ids only: Circle's listing carries no address) to
 * customers. A member id recorded for a customer (at grant time, or by an earlier run) matches at once. Any other
 * listed id is looked up once ({@code GET /community_members/{id}}, one Circle request) and its address matched to
 * customers: found, the id is recorded for each of them (a member of a paid group billing does not give is then
 * {@code circle_extra}); not found, the member is unknown ({@code circle_unknown_member}) and the SHA-256 of the
 * address is kept, so later runs match it without asking Circle again, including once a customer with that address
 * appears. Every listed id is resolved, so a customer whose member is not listed holds none of the listed groups.
 */
final class ListedMembers {
    /** Reads one member by id (through the run's pacing, retries and quota); empty when Circle has no such member. */
    @FunctionalInterface
    interface Lookup {
        Optional<CircleMember> member(long communityMemberId);
    }

    private final CircleMemberStore store;
    private final CustomerViewStore customers;
    private final Clock clock;

    ListedMembers(CircleMemberStore store, CustomerViewStore customers, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.clock = clock;
    }

    /** Fills the roster's links, unknown members and shared members; {@code progress} runs after each lookup. */
    void resolve(Roster roster, Lookup lookup, Runnable progress) {
        store.customersByMember().forEach((member, ids) -> ids.forEach(c -> roster.link(c, member)));
        for (Map.Entry<Long, Set<Long>> listed : roster.circleGroups.entrySet()) {
            long id = listed.getKey();
            if (roster.customersByMember.containsKey(id)) {
                continue;
            }
            Set<String> owners = owners(id, lookup, progress);
            if (owners == null) {
                continue; // gone from Circle since it was listed
            }
            if (owners.isEmpty()) {
                roster.unknownMembers.put(id, new TreeSet<>(listed.getValue()));
            }
            for (String customer : owners) {
                store.record(customer, id, CircleMemberStore.RECONCILE, clock.instant());
                roster.link(customer, id);
            }
        }
        roster.customersByMember.forEach((member, ids) -> {
            if (ids.size() > 1) {
                Set<Long> given = new HashSet<>();
                ids.forEach(c -> customers.find(c).ifPresent(v -> given.addAll(v.circleAccessGroupIds())));
                roster.sharedApplied.put(member, given);
            }
        });
    }

    /** Fills {@code kitSharedApplied}: for each address several customers share, the tags any of them was given. */
    void sharedTags(Roster roster) {
        for (CustomerView v : customers.sharingAnAddress()) {
            roster.kitSharedApplied.computeIfAbsent(Roster.key(v.email()), k -> new HashSet<>()).addAll(v.kitTagIds());
        }
    }

    /** The customers with this member's address (empty: unknown), or null when Circle no longer has the member. */
    private Set<String> owners(long id, Lookup lookup, Runnable progress) {
        Optional<CircleMemberStore.Lookup> cached = store.lookup(id).filter(l -> l.emailSha256() != null);
        if (cached.isPresent()) {
            return store.customersWithEmailSha256(cached.get().emailSha256());
        }
        Optional<CircleMember> member = lookup.member(id);
        progress.run();
        if (member.isEmpty() || member.get().email() == null || member.get().email().isBlank()) {
            store.remember(id, null, clock.instant());
            return null;
        }
        String email = member.get().email();
        store.remember(id, CircleMemberStore.sha256(email), clock.instant());
        List<CustomerView> found = customers.findByEmail(email);
        Set<String> owners = new HashSet<>();
        found.forEach(v -> owners.add(v.customerId()));
        return owners;
    }
}
