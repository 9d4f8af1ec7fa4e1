package io.memberflow.integrations.circle;

/**
 * One record of an access group's member list. Circle's record carries the member's id, not the address
 * (vendor-apis.md: {@code {id, access_group_id, community_member_id, community_id, created_at, updated_at}}).
 *
 * @param communityMemberId Circle's community member id
 */
public record AccessGroupMember(long communityMemberId) {
}
