package io.memberflow.standin;


import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Circle Admin API v2 under {@code /api/admin/v2}, as far as Circle documents it (CircleStandInConformanceTest lists
 * each fact and its source): search, create and read community members; add, remove, check and list access group
 * members (records carry {@code community_member_id}, never an e-mail; page/per_page paging, 10 a page by default,
 * at most 100); errors as {@code {"success":false,"message":…,"error_details":{"message":"Missing record: …"}}}, the
 * cause of a 404 only in {@code error_details}; the bearer token checked; a rate limit per IP when switched on
 * ({@link #enforcePublishedRateLimit()}: 2,000 per rolling 5 minutes, 429 without Retry-After); and the monthly
 * quota counted as Circle counts it ({@link #quotaUsed()}: every answer but a 5xx, 4xx and 429 included).
 *
 * <p>Where Circle is silent, the answer is the least convenient plausible one, configurable: a second create for an
 * address answers 422 without saying why ({@link Duplicate#UNEXPLAINED_422}), and so does a second add to a group.
 * An access group exists only once declared ({@link #accessGroup}); calls naming another answer 404.
 *
 * <p>For benchmarks it counts member creations per address and grants per (address, group), keeps the arrival of
 * each address's first successful grant, and can answer a share of calls 503 before anything else.
 */
public final class CircleStandIn extends StandIn {
    public static final String BASE = "/api/admin/v2/";
    /** Circle's published limit: 2,000 requests per 5 minutes per IP. */
    public static final int PUBLISHED_LIMIT = 2_000;
    public static final Duration PUBLISHED_WINDOW = Duration.ofMinutes(5);
    public static final String LIST_MEMBERS = "GET group members";
    public static final String CHECK_MEMBER = "GET check member";
    public static final String GET_MEMBER = "GET member";

    /** Answers to a repeated create or add, which Circle does not document. */
    public enum Duplicate {
        /** 422 with a generic message: the client cannot tell "already there" from another refusal. */
        UNEXPLAINED_422,
        /** 422 saying the address is already taken / the member already in the group. */
        EXPLAINED_422,
        /** As if it were new: 201 with the existing member, or 201 for the add. */
        SUCCESS
    }

    private static final Pattern GROUP_MEMBERS = Pattern.compile("access_groups/(\\d+)/community_members");
    private static final Pattern GROUP_MEMBER = Pattern.compile("access_groups/(\\d+)/community_member");
    private static final Pattern MEMBER = Pattern.compile("community_members/(\\d+)");

    private final CircleCommunity community = new CircleCommunity();
    private final double failShare;
    private final AtomicInteger failNext = new AtomicInteger();
    private final GrantLog log = new GrantLog();
    private final CircleAnswers answers = new CircleAnswers(community, log);
    private final AtomicLong quota = new AtomicLong();
    private volatile String token;
    private volatile Duplicate duplicateCreate = Duplicate.UNEXPLAINED_422;
    private volatile Duplicate duplicateAdd = Duplicate.UNEXPLAINED_422;
    private volatile CountDownLatch grantArrived;
    private volatile CountDownLatch releaseGrant;

    /**
     * @param failShare share of calls answered 503 before anything else (0 for none)
     * @param port      0 for any free port
     */
    public CircleStandIn(String token, Duration latency, double failShare, int port) throws IOException {
        super(latency, port);
        this.token = token;
        this.failShare = failShare;
    }

    public String baseUrl() {
        return origin() + BASE;
    }

    /** Turns on Circle's published rate limit; {@link #rateLimit} sets any other. */
    public void enforcePublishedRateLimit() {
        rateLimit(PUBLISHED_LIMIT, PUBLISHED_WINDOW);
    }

    /** The token accepted from now on. */
    public void token(String token) {
        this.token = token;
    }

    public void duplicateCreate(Duplicate answer) {
        this.duplicateCreate = answer;
    }

    public void duplicateAdd(Duplicate answer) {
        this.duplicateAdd = answer;
    }

    /** The next {@code count} calls are answered 503 before anything else. */
    public void failNext(int count) {
        failNext.set(count);
    }

    /**
     * Holds the next grant until {@code release} counts down (the caller may be killed meanwhile); {@code arrived}
     * counts down when it comes in.
     */
    public void holdNextGrant(CountDownLatch arrived, CountDownLatch release) {
        this.releaseGrant = release;
        this.grantArrived = arrived;
    }

    /** Declares access groups, as an admin creates them in Circle. */
    public CircleStandIn accessGroup(long... ids) {
        for (long id : ids) {
            community.accessGroup(id);
        }
        return this;
    }

    public void deleteAccessGroup(long id) {
        community.deleteAccessGroup(id);
    }

    /**
     * Creates the member unless one has this address and adds it to {@code groupIds} (declared on the way), without
     * HTTP and without counting creations or grants, as someone in Circle's admin would.
     *
     * @return the member's id
     */
    public long seedMember(String email, Set<Long> groupIds) {
        CircleCommunity.Member m = community.ensure(email, "Seeded Member");
        groupIds.forEach(g -> {
            community.accessGroup(g);
            community.add(g, m.id());
        });
        return m.id();
    }

    /** The member id of this address, or null. */
    public Long memberId(String email) {
        return community.member(email).map(CircleCommunity.Member::id).orElse(null);
    }

    /** Takes the address out of the group without HTTP; true if it was in. */
    public boolean removeFromGroup(String email, long group) {
        return community.member(email).map(m -> community.remove(group, m.id())).orElse(false);
    }

    /** Deletes the member without HTTP, as an admin would. */
    public void deleteMember(String email) {
        community.member(email).ifPresent(m -> community.deleteMember(m.id()));
    }

    /** The access groups this address is in now, sorted. */
    public Set<Long> groupsOf(String email) {
        return community.member(email).map(m -> community.groupsOf(m.id())).orElse(Set.of());
    }

    /** How many records the group lists. */
    public int groupSize(long group) {
        return community.records(group).size();
    }

    /** Requests Circle would have counted against the monthly quota: every answer except a 5xx. */
    public long quotaUsed() {
        return quota.get();
    }

    /** Epoch ms of the first successful grant of any access group to this address, or null. */
    public Long firstGrantMillis(String email) {
        return log.firstGrantMillis(CircleCommunity.key(email));
    }

    public int granted() {
        return log.granted();
    }

    @Override
    public void resetCounts() {
        super.resetCounts();
        log.clear();
        quota.set(0);
    }

    /** Member creations beyond the first per address. */
    public long duplicateCreations() {
        return log.duplicateCreations();
    }

    /** Grant requests beyond the first per (address, group). */
    public long duplicateGrants() {
        return log.duplicateGrants();
    }

    public long emailsCreatedMoreThanOnce() {
        return log.keysCreatedMoreThanOnce();
    }

    @Override
    protected void answered(Reply reply) {
        if (reply.status() < 500) {
            quota.incrementAndGet();
        }
    }

    @Override
    protected Reply handle(Request r) {
        if (overLimit("127.0.0.1")) {
            return Reply.json(429, "{\"success\":false,\"message\":\"Too many requests\"}", RATE_LIMITED);
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || failShare > 0 && ThreadLocalRandom.current().nextDouble() < failShare) {
            return new Reply(503, "text/html", "<html><body>Service Unavailable</body></html>", "503 injected");
        }
        if (!("Bearer " + token).equals(r.header("Authorization"))) {
            return Reply.json(401, "{\"success\":false,\"message\":\"Your account could not be authenticated.\"}", "401");
        }
        if (!r.path().startsWith(BASE)) {
            return CircleAnswers.missing("route", "unknown");
        }
        String path = r.path().substring(BASE.length());
        String method = r.method();
        if (path.equals("community_members/search") && method.equals("GET")) {
            return community.member(r.query().get("email"))
                    .map(m -> Reply.json(200, CircleCommunity.json(m), "GET search member"))
                    .orElseGet(() -> CircleAnswers.missing("community member", "GET search member"));
        }
        if (path.equals("community_members") && method.equals("POST")) {
            return answers.create(r, duplicateCreate);
        }
        Matcher member = MEMBER.matcher(path);
        if (member.matches() && method.equals("GET")) {
            return community.member(Long.parseLong(member.group(1)))
                    .map(m -> Reply.json(200, CircleCommunity.json(m), GET_MEMBER))
                    .orElseGet(() -> CircleAnswers.missing("community member", GET_MEMBER));
        }
        Matcher one = GROUP_MEMBER.matcher(path);
        if (one.matches() && method.equals("GET")) {
            return answers.check(Long.parseLong(one.group(1)), r.query().get("email"));
        }
        Matcher m = GROUP_MEMBERS.matcher(path);
        if (m.matches()) {
            long group = Long.parseLong(m.group(1));
            return switch (method) {
                case "DELETE" -> answers.revoke(group, r.query().get("email"));
                case "POST" -> {
                    hold();
                    yield answers.grant(group, r, duplicateAdd);
                }
                case "GET" -> answers.list(group, r.query());
                default -> CircleAnswers.missing("route", "unknown");
            };
        }
        return CircleAnswers.missing("route", "unknown");
    }

    private void hold() {
        CountDownLatch arrived = grantArrived;
        if (arrived != null) {
            grantArrived = null;
            arrived.countDown();
            try {
                releaseGrant.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
