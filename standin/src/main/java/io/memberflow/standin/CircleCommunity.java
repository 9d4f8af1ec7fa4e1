package io.memberflow.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Circle community holds, as the {@link CircleStandIn} serves it: community members (id, e-mail, name) and
 * access groups with their membership records. Shapes follow Circle's Admin API v2 OpenAPI as summarised in
 * vendor-apis.md: a member object carries its {@code email}; an access group membership record is
 * {@code {id, access_group_id, community_member_id, community_id, created_at, updated_at}} and carries no e-mail.
 * Addresses match case-insensitively. Thread-safe.
 */
final class CircleCommunity {
    static final long COMMUNITY_ID = 1;

    /** A community member. */
    record Member(long id, String email, String name, Instant createdAt) {
    }

    /** A member's record in an access group. */
    record Membership(long id, long accessGroupId, long memberId, Instant createdAt) {
    }

    private final Map<Long, Member> members = new ConcurrentHashMap<>();
    private final Map<String, Long> byEmail = new ConcurrentHashMap<>();
    private final Map<Long, Map<Long, Membership>> groups = new ConcurrentHashMap<>();
    /** Ids are unique per community, as Circle's are across communities: each stand-in starts somewhere else. */
    private final AtomicLong memberIds = new AtomicLong(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000) * 1_000);
    private final AtomicLong recordIds = new AtomicLong(900_000);

    static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    void accessGroup(long id) {
        groups.computeIfAbsent(id, g -> new ConcurrentHashMap<>());
    }

    boolean groupExists(long id) {
        return groups.containsKey(id);
    }

    void deleteAccessGroup(long id) {
        groups.remove(id);
    }

    Optional<Member> member(String email) {
        Long id = email == null ? null : byEmail.get(key(email));
        return id == null ? Optional.empty() : Optional.ofNullable(members.get(id));
    }

    Optional<Member> member(long id) {
        return Optional.ofNullable(members.get(id));
    }

    /** Creates the member; empty when the address is taken. */
    Optional<Member> create(String email, String name) {
        long id = memberIds.incrementAndGet();
        if (byEmail.putIfAbsent(key(email), id) != null) {
            return Optional.empty();
        }
        Member m = new Member(id, email.strip(), name, Instant.now());
        members.put(id, m);
        return Optional.of(m);
    }

    /** The member with this address, created when there is none. */
    Member ensure(String email, String name) {
        return create(email, name).or(() -> member(email)).orElseThrow();
    }

    void deleteMember(long id) {
        Member m = members.remove(id);
        if (m != null) {
            byEmail.remove(key(m.email()));
            groups.values().forEach(g -> g.remove(id));
        }
    }

    /** Adds the member to the group; false when already in it. The group must exist. */
    boolean add(long group, long memberId) {
        Map<Long, Membership> in = groups.get(group);
        return in.putIfAbsent(memberId, new Membership(recordIds.incrementAndGet(), group, memberId, Instant.now())) == null;
    }

    boolean remove(long group, long memberId) {
        Map<Long, Membership> in = groups.get(group);
        return in != null && in.remove(memberId) != null;
    }

    Optional<Membership> membership(long group, long memberId) {
        Map<Long, Membership> in = groups.get(group);
        return in == null ? Optional.empty() : Optional.ofNullable(in.get(memberId));
    }

    /** The group's records in the order they were added. */
    List<Membership> records(long group) {
        return groups.getOrDefault(group, Map.of()).values().stream()
                .sorted(java.util.Comparator.comparingLong(Membership::id)).toList();
    }

    Set<Long> groupsOf(long memberId) {
        Set<Long> of = new TreeSet<>();
        groups.forEach((group, in) -> {
            if (in.containsKey(memberId)) {
                of.add(group);
            }
        });
        return of;
    }

    static ObjectNode json(Member m) {
        ObjectNode o = StandIn.object();
        String[] names = m.name() == null ? new String[] {"", ""} : (m.name() + " ").split(" ", 2);
        o.put("id", m.id()).put("name", m.name()).put("first_name", names[0]).put("last_name", names[1].strip())
                .put("email", m.email()).put("active", true).put("community_id", COMMUNITY_ID)
                .put("created_at", m.createdAt().toString()).put("updated_at", m.createdAt().toString());
        return o;
    }

    static ObjectNode json(Membership r) {
        ObjectNode o = StandIn.object();
        o.put("id", r.id()).put("access_group_id", r.accessGroupId()).put("community_member_id", r.memberId())
                .put("community_id", COMMUNITY_ID).put("created_at", r.createdAt().toString())
                .put("updated_at", r.createdAt().toString());
        return o;
    }
}
