package io.memberflow.integrations.kit;

import java.util.List;

/**
 * One page of a tag's subscribers.
 *
 * @param subscribers the page's subscribers in Kit's order, never null
 * @param nextCursor  the {@code after} cursor of the next page; {@code null} when this is the last page
 */
public record TaggedSubscriberPage(List<TaggedSubscriber> subscribers, String nextCursor) {

    public TaggedSubscriberPage {
        subscribers = List.copyOf(subscribers);
    }
}
