package io.memberflow.integrations.circle;

import com.fasterxml.jackson.databind.JsonNode;
import io.memberflow.integrations.VendorResponse;

import java.util.Locale;

/**
 * What a Circle 404 says is missing. Circle answers 404 for several causes on one endpoint (the access group, the
 * member, the member's membership of the group) and puts the cause in {@code error_details.message}, e.g.
 * {@code Missing record: access group}; the top-level {@code message} is generic (vendor-apis.md, "Errors").
 */
enum MissingRecord {
    /** The access group does not exist: a wrong id in the configuration. */
    ACCESS_GROUP,
    /** The community member does not exist. */
    MEMBER,
    /** The member exists but is not in the group. */
    MEMBERSHIP,
    /** The answer does not say. */
    UNKNOWN;

    /** Reads {@code error_details.message} (or a top-level message that starts with "Missing record"). */
    static MissingRecord of(VendorResponse answer) {
        JsonNode json = answer.json();
        if (json == null || !json.isObject()) {
            return UNKNOWN;
        }
        String text = json.path("error_details").path("message").asText("");
        if (text.isBlank() && json.path("message").asText("").toLowerCase(Locale.ROOT).startsWith("missing record")) {
            text = json.path("message").asText();
        }
        return of(text);
    }

    /** Classifies a text such as {@code Missing record: access group member}. */
    static MissingRecord of(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('_', ' ').strip();
        if (!t.startsWith("missing record")) {
            return UNKNOWN;
        }
        boolean group = t.contains("access group");
        boolean member = t.contains("member");
        if (group && member) {
            return MEMBERSHIP;
        }
        if (member) {
            return MEMBER;
        }
        return group ? ACCESS_GROUP : UNKNOWN;
    }
}
