package io.memberflow.integrations.circle;

import java.util.List;

/**
 * One page of an access group's member list, in Circle's order.
 *
 * @param members     the page's records, never null
 * @param hasNextPage whether Circle has a further page ({@code has_next_page})
 */
public record AccessGroupMemberPage(List<AccessGroupMember> members, boolean hasNextPage) {

    public AccessGroupMemberPage {
        members = List.copyOf(members);
    }
}
