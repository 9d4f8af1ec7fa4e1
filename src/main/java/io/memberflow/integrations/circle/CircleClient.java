package io.memberflow.integrations.circle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.memberflow.integrations.VendorCallException;
import io.memberflow.integrations.VendorHttp;
import io.memberflow.integrations.VendorResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Circle.so Admin API v2 client for community membership and access groups.
 *
 * <p>Every public method is idempotent: it checks or tolerates the state it is asked to reach, so a
 * caller (a Temporal activity) may repeat it after any failure. Circle does not document what a
 * double create or double add answers, so "already there" and "already gone" answers count as
 * success. Failures are {@link VendorCallException}s with vendor {@code "circle"}: retryable for
 * 5xx, 408, 429 and I/O errors or timeouts, final otherwise. Circle counts every 4xx (429 included)
 * against the plan's monthly quota, so final errors should not be retried.
 *
 * <p>Thread-safe. E-mail addresses and the token are never logged.
 */
public final class CircleClient {

    /** Used when no base URL is configured. */
    public static final String DEFAULT_BASE_URL = "https://app.circle.so/api/admin/v2";
    /** The setting that holds the Admin V2 token; named in the hint of a 401. */
    public static final String TOKEN_VARIABLE = "CIRCLE_API_TOKEN";
    /**
     * Reported wait for a 429 without {@code Retry-After} (whether Circle sends one is not
     * documented). Long enough that retries do not burn the monthly quota.
     */
    public static final Duration RATE_LIMIT_DELAY = Duration.ofSeconds(60);
    /** Circle's largest {@code per_page}. */
    public static final int MAX_PER_PAGE = 100;

    private final CircleApi api;
    private final VendorHttp http;

    /** A client for the given base URL (null or blank: {@link #DEFAULT_BASE_URL}) with default timeouts. */
    public CircleClient(String baseUrl, String token) {
        this(baseUrl, token, VendorHttp.defaultHttpClient());
    }

    /**
     * A client that derives its HTTP client from {@code httpClient}, keeping its timeouts.
     *
     * @param baseUrl with or without trailing slash; null or blank means {@link #DEFAULT_BASE_URL}
     * @param token   an Admin V2 token, sent as {@code Authorization: Bearer <token>}
     */
    public CircleClient(String baseUrl, String token, OkHttpClient httpClient) {
        this(baseUrl, token, httpClient, RATE_LIMIT_DELAY);
    }

    /**
     * A client that reports {@code rateLimitDelay} as the wait of a 429 without {@code Retry-After} (reconciliation
     * runs take it from {@code memberflow.reconcile.rate-limit-wait}).
     */
    public CircleClient(String baseUrl, String token, OkHttpClient httpClient, Duration rateLimitDelay) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN_VARIABLE + " is not set");
        }
        this.http = new VendorHttp("circle", "Circle", token, TOKEN_VARIABLE,
                "Circle refused: plan limit or permissions (community not eligible, member limit or daily"
                        + " member limit reached, or the token lacks rights); fix it in Circle, retrying will not help",
                rateLimitDelay, Clock.systemUTC());
        this.api = http.createApi(CircleApi.class, VendorHttp.normaliseBaseUrl(baseUrl, DEFAULT_BASE_URL),
                httpClient, "Authorization", "Bearer " + token);
    }

    /**
     * Looks a member up by e-mail address. Read-only, hence idempotent.
     *
     * @return the member, or empty when Circle answers 404 (no such member)
     * @throws VendorCallException on any other unwanted answer
     */
    public Optional<CircleMember> findMember(String email) {
        String call = "find member";
        VendorResponse answer = http.execute(api.searchMember(VendorHttp.requireEmail(email)), call);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.isSuccessful()) {
            throw http.failure(call, answer);
        }
        return member(answer, call);
    }

    /** A member as {@link #ensureMember} returned it; {@code existed}: Circle had it before this call. */
    public record EnsuredMember(CircleMember member, boolean existed) {
    }

    /**
     * Returns the member with this e-mail address, inviting them first if Circle has none.
     * Idempotent: the create (POST /community_members, invitation e-mail sent) is only sent after a
     * lookup found nobody; when Circle refuses it (400, 409 or 422, whatever the wording: its answer to a second
     * create is not documented) the member is looked up once more and returned if found. Repeating the call never
     * invites twice.
     *
     * @param name the display name, or null to let Circle derive one
     * @return the member, and whether Circle had it before this call (found, not created by it)
     * @throws VendorCallException 403 when Circle's member limits are reached (final), or any other failure
     */
    public EnsuredMember ensureMember(String email, String name) {
        String address = VendorHttp.requireEmail(email);
        Optional<CircleMember> existing = findMember(address);
        if (existing.isPresent()) {
            return new EnsuredMember(existing.get(), true);
        }
        String call = "create member";
        VendorResponse answer = http.execute(api.createMember(new CircleApi.CreateMember(address, name, false)), call);
        if (answer.isSuccessful()) {
            Optional<CircleMember> created = member(answer, call);
            return new EnsuredMember(created.or(() -> findMember(address))
                    .orElseThrow(() -> http.unexpectedAnswer(call, answer, "community member")), false);
        }
        if (isClientError(answer)) {
            // Circle does not document its answer to a second create (a race, or a create whose answer was lost):
            // whatever the wording, a member found now is the one wanted
            Optional<CircleMember> found = findMember(address);
            if (found.isPresent()) {
                return new EnsuredMember(found.get(), true);
            }
        }
        throw http.failure(call, answer);
    }

    /**
     * Grants the member the access group. Idempotent: an answer saying the member is already in the
     * group counts as success, and so does any other refusal (400, 409, 422) after which a membership check finds the
     * member in the group. The member must exist (see {@link #ensureMember}).
     *
     * @throws VendorCallException final 404 when the access group or the member does not exist
     */
    public void addToAccessGroup(long accessGroupId, String email) {
        String call = "grant access group " + accessGroupId;
        VendorResponse answer = http.execute(
                api.addAccessGroupMember(accessGroupId, new CircleApi.MemberEmail(VendorHttp.requireEmail(email))), call);
        if (answer.isSuccessful() || isClientError(answer) && answer.vendorSays("already")) {
            return;
        }
        if (isClientError(answer) && isInAccessGroup(accessGroupId, email)) {
            return; // Circle's answer to a second add is not documented: the membership itself says it is done
        }
        if (answer.status() == 404) {
            throw http.failure(call, answer, switch (MissingRecord.of(answer)) {
                case ACCESS_GROUP -> missingGroupHint(accessGroupId);
                case MEMBER, MEMBERSHIP -> "the member does not exist in Circle (deleted since it was looked up?)";
                case UNKNOWN -> "access group " + accessGroupId + " or the member does not exist:"
                        + " check the configured access group id; the member must be created first";
            });
        }
        throw http.failure(call, answer);
    }

    /**
     * Revokes the access group from the member. Idempotent: a 404 whose {@code error_details.message} says the member
     * or the membership is missing means the access is already gone and counts as success. A 404 saying the access
     * group is missing ({@code Missing record: access group}) is a configuration error, not a revoke: the configured
     * id names no group, so whatever group the member really holds is untouched. It fails final, as does a 404 that
     * does not say what is missing (Circle answers 404 for all three causes on this endpoint).
     *
     * @throws VendorCallException final 404 for a missing access group or an unexplained 404; any other unwanted answer
     */
    public void removeFromAccessGroup(long accessGroupId, String email) {
        String call = "revoke access group " + accessGroupId;
        VendorResponse answer = http.execute(api.removeAccessGroupMember(accessGroupId, VendorHttp.requireEmail(email)), call);
        if (answer.isSuccessful()) {
            return;
        }
        if (answer.status() == 404) {
            switch (MissingRecord.of(answer)) {
                case MEMBER, MEMBERSHIP -> {
                    return;
                }
                case ACCESS_GROUP -> throw http.failure(call, answer, missingGroupHint(accessGroupId));
                case UNKNOWN -> throw http.failure(call, answer, "Circle answered 404 without saying what is missing"
                        + " (access group, member or membership): check access group " + accessGroupId
                        + " and the member in Circle before signalling retrySync");
            }
        }
        throw http.failure(call, answer);
    }

    /** What an operator must do when the configured access group does not exist in Circle. */
    static String missingGroupHint(long accessGroupId) {
        return "access group " + accessGroupId + " does not exist in Circle: a configuration error; fix the plan's"
                + " circle-access-group-ids (memberflow.plans.<plan>.circle-access-group-ids), retrying will not help";
    }

    /**
     * Whether the member holds the access group ({@code GET /access_groups/{id}/community_member?email=}). Read-only.
     *
     * @return true on 200, false on 404 (not in the group, or no such member)
     * @throws VendorCallException final 404 when the access group does not exist; on any other unwanted answer
     */
    public boolean isInAccessGroup(long accessGroupId, String email) {
        String call = "check access group " + accessGroupId;
        VendorResponse answer = http.execute(api.accessGroupMember(accessGroupId, VendorHttp.requireEmail(email)), call);
        if (answer.status() == 404) {
            if (MissingRecord.of(answer) == MissingRecord.ACCESS_GROUP) {
                throw http.failure(call, answer, missingGroupHint(accessGroupId));
            }
            return false;
        }
        if (!answer.isSuccessful()) {
            throw http.failure(call, answer);
        }
        return true;
    }

    /**
     * One page of the access group's members ({@code GET /access_groups/{id}/community_members}). Read-only; a 5xx
     * or a missing answer is retried within the call like any other read. Circle's records are
     * {@code {id, access_group_id, community_member_id, community_id, created_at, updated_at}}: the member is
     * {@code community_member_id} ({@code id} is the membership record's own id) and no address is listed; map ids to
     * customers with what {@link #ensureMember} returned, or {@link #member(long)}.
     *
     * @param page    from 1
     * @param perPage clamped to 1..100 (Circle's maximum)
     * @throws VendorCallException on an unwanted answer (404: no such access group), or when the page lacks
     *                             {@code records} or a record lacks a member id
     */
    public AccessGroupMemberPage accessGroupMembers(long accessGroupId, int page, int perPage) {
        if (page < 1) {
            throw new IllegalArgumentException("page starts at 1, got " + page);
        }
        String call = "list access group " + accessGroupId + " page " + page;
        VendorResponse answer = http.execute(api.accessGroupMembers(accessGroupId, page,
                Math.max(1, Math.min(MAX_PER_PAGE, perPage))), call, VendorHttp.MAX_PAGE_BODY_CHARS);
        if (answer.status() == 404 && MissingRecord.of(answer) == MissingRecord.ACCESS_GROUP) {
            throw http.failure(call, answer, missingGroupHint(accessGroupId));
        }
        if (!answer.isSuccessful()) {
            throw http.failure(call, answer);
        }
        JsonNode json = answer.json();
        if (json == null || !json.path("records").isArray()) {
            throw http.unexpectedAnswer(call, answer, "records list");
        }
        List<AccessGroupMember> members = new ArrayList<>(json.get("records").size());
        for (JsonNode record : json.get("records")) {
            JsonNode id = record.get("community_member_id");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
                throw http.unexpectedAnswer(call, answer, "community_member_id in every record");
            }
            members.add(new AccessGroupMember(id.asLong()));
        }
        return new AccessGroupMemberPage(members, hasNextPage(json, page, members.size()),
                json.path("page_count").canConvertToInt() ? json.get("page_count").asInt() : null);
    }

    /**
     * A member by id ({@code GET /community_members/{id}}), with the address. Read-only.
     *
     * @return the member, or empty when Circle answers 404 (no such member)
     * @throws VendorCallException on any other unwanted answer
     */
    public Optional<CircleMember> member(long communityMemberId) {
        String call = "read member " + communityMemberId;
        VendorResponse answer = http.execute(api.member(communityMemberId), call);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.isSuccessful()) {
            throw http.failure(call, answer);
        }
        return member(answer, call);
    }

    /**
     * {@code has_next_page}; without it, whether {@code page_count} lies beyond this page; without both, whether the
     * page came back non-empty (one empty request more rather than a silently cut list).
     */
    private static boolean hasNextPage(JsonNode json, int page, int records) {
        if (json.path("has_next_page").isBoolean()) {
            return json.get("has_next_page").asBoolean();
        }
        if (json.path("page_count").canConvertToInt()) {
            return page < json.get("page_count").asInt();
        }
        return records > 0;
    }

    /** The member in a search or create answer: the root object or its {@code community_member}. */
    private Optional<CircleMember> member(VendorResponse answer, String call) {
        JsonNode json = answer.json();
        if (json == null) {
            throw http.unexpectedAnswer(call, answer, "JSON body");
        }
        JsonNode node = json.has("community_member") ? json.get("community_member") : json;
        if (!node.hasNonNull("id")) {
            return Optional.empty();
        }
        try {
            return Optional.of(VendorHttp.objectMapper().treeToValue(node, CircleMember.class));
        } catch (JsonProcessingException e) {
            throw http.unexpectedAnswer(call, answer, "readable community member");
        }
    }

    /** 400, 409 or 422: the answers Circle may use for "already there". */
    private static boolean isClientError(VendorResponse answer) {
        int status = answer.status();
        return status == 400 || status == 409 || status == 422;
    }
}
