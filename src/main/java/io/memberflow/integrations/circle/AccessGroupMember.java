package io.memberflow.integrations.circle;

/**
 * One record of an access group's member list.
 *
 * @param communityMemberId Circle's community member id
 * @param email             the member's address, or {@code null} when Circle's record does not carry one (whether it
 *                          does is not documented); personal data: {@link #toString()} hides it
 */
public record AccessGroupMember(long communityMemberId, String email) {

    @Override
    public String toString() {
        return "AccessGroupMember[communityMemberId=" + communityMemberId + ", email="
                + (email == null ? "null" : "<email>") + "]";
    }
}
