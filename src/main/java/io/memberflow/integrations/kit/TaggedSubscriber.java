package io.memberflow.integrations.kit;

/**
 * One subscriber on a tag's subscriber list.
 *
 * @param id    Kit's subscriber id
 * @param email {@code email_address}; {@code null} only if Kit's record lacks it. Personal data:
 *              {@link #toString()} hides it
 * @param state Kit's state, e.g. {@code active}, {@code cancelled}, {@code bounced}; {@code null} when absent
 */
public record TaggedSubscriber(long id, String email, String state) {

    @Override
    public String toString() {
        return "TaggedSubscriber[id=" + id + ", email=" + (email == null ? "null" : "<email>") + ", state=" + state + "]";
    }
}
