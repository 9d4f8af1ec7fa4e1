package io.memberflow.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memberflow.standin.StandIn.Reply;
import io.memberflow.standin.StandIn.Request;

import java.util.List;
import java.util.Map;

import static io.memberflow.standin.StandIn.intParam;
import static io.memberflow.standin.StandIn.object;

/**
 * The Circle stand-in's answers to member creation and to access group calls, in Circle's shapes: 201 on success,
 * 422 for an invalid address, a 404 whose cause is only in {@code error_details.message}, the configured answer to a
 * repeated create or add, and group listings of membership records (ids, no address).
 */
final class CircleAnswers {
    private final CircleCommunity community;
    private final GrantLog log;

    CircleAnswers(CircleCommunity community, GrantLog log) {
        this.community = community;
        this.log = log;
    }

    Reply create(Request r, CircleStandIn.Duplicate duplicateCreate) {
        String kind = "POST create member";
        String email = r.json().path("email").asText("");
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return error(422, "Email is invalid", null, kind);
        }
        log.creation(CircleCommunity.key(email));
        var created = community.create(email, r.json().path("name").asText(null));
        if (created.isPresent()) {
            return Reply.json(201, wrap("This user has been invited to the community.", created.get()), kind);
        }
        return switch (duplicateCreate) {
            case UNEXPLAINED_422 -> error(422, "Oops! Something went wrong.", null, kind);
            case EXPLAINED_422 -> error(422, "Email has already been taken", null, kind);
            case SUCCESS -> Reply.json(201, wrap("This user has been invited to the community.",
                    community.member(email).orElseThrow()), kind);
        };
    }

    Reply grant(long group, Request r, CircleStandIn.Duplicate duplicateAdd) {
        String kind = "POST grant";
        String email = r.json().path("email").asText("");
        log.grant(CircleCommunity.key(email), group);
        if (!community.groupExists(group)) {
            return missing("access group", kind);
        }
        var member = community.member(email);
        if (member.isEmpty()) {
            return missing("community member", kind);
        }
        if (!community.add(group, member.get().id())) {
            return switch (duplicateAdd) {
                case UNEXPLAINED_422 -> error(422, "Oops! Something went wrong.", null, kind);
                case EXPLAINED_422 -> error(422, "Member is already in this access group", null, kind);
                case SUCCESS -> Reply.json(201, "{\"success\":true,\"message\":\"Member added to access group\"}", kind);
            };
        }
        log.granted(CircleCommunity.key(email), r.atMillis());
        return Reply.json(201, "{\"success\":true,\"message\":\"Member added to access group\"}", kind);
    }

    Reply revoke(long group, String email) {
        String kind = "DELETE revoke";
        if (!community.groupExists(group)) {
            return missing("access group", kind);
        }
        var member = community.member(email);
        if (member.isEmpty()) {
            return missing("community member", kind);
        }
        return community.remove(group, member.get().id())
                ? Reply.json(200, "{\"success\":true,\"message\":\"Member removed from access group\"}", kind)
                : missing("access group member", kind);
    }

    Reply check(long group, String email) {
        if (!community.groupExists(group)) {
            return missing("access group", CircleStandIn.CHECK_MEMBER);
        }
        var member = community.member(email);
        if (member.isEmpty()) {
            return missing("community member", CircleStandIn.CHECK_MEMBER);
        }
        return community.membership(group, member.get().id())
                .map(r -> Reply.json(200, CircleCommunity.json(r), CircleStandIn.CHECK_MEMBER))
                .orElseGet(() -> missing("access group member", CircleStandIn.CHECK_MEMBER));
    }

    /** One page of the group's records in the order they were added: 10 a page unless asked, at most 100. */
    Reply list(long group, Map<String, String> query) {
        if (!community.groupExists(group)) {
            return missing("access group", CircleStandIn.LIST_MEMBERS);
        }
        int perPage = Math.max(1, Math.min(100, intParam(query, "per_page", 10)));
        int page = Math.max(1, intParam(query, "page", 1));
        List<CircleCommunity.Membership> all = community.records(group);
        int from = (int) Math.min(all.size(), (long) (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        ObjectNode body = object();
        body.put("page", page).put("per_page", perPage).put("has_next_page", to < all.size())
                .put("count", all.size()).put("page_count", (all.size() + perPage - 1) / perPage);
        ArrayNode records = body.putArray("records");
        all.subList(from, to).forEach(rec -> records.add(CircleCommunity.json(rec)));
        return Reply.json(200, body, CircleStandIn.LIST_MEMBERS);
    }

    private static String wrap(String message, CircleCommunity.Member m) {
        ObjectNode o = object();
        o.put("message", message);
        o.set("community_member", CircleCommunity.json(m));
        return o.toString();
    }

    /** A 404 whose cause is only in {@code error_details.message}. */
    static Reply missing(String what, String kind) {
        return error(404, "Oops! Something went wrong. Please try again.", "Missing record: " + what, kind);
    }

    private static Reply error(int status, String message, String detail, String kind) {
        ObjectNode o = object();
        o.put("success", false).put("message", message);
        ObjectNode details = o.putObject("error_details");
        if (detail != null) {
            details.put("message", detail);
        }
        return Reply.json(status, o, kind);
    }
}
