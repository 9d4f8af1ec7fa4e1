package io.memberflow.integrations.circle;

import java.util.List;

/**
 * One page of an access group's member list, in Circle's order.
 *
 * @param members     the page's records, never null
 * @param hasNextPage whether Circle has a further page ({@code has_next_page})
 * @param pageCount   how many pages the list has at this page size ({@code page_count}), or null when not sent
 */
public record AccessGroupMemberPage(List<AccessGroupMember> members, boolean hasNextPage, Integer pageCount) {

    public AccessGroupMemberPage {
        members = List.copyOf(members);
    }
}
