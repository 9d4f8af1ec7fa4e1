package io.memberflow.integrations.kit;

/**
 * A Kit subscriber, as far as memberflow needs it.
 *
 * @param id           Kit's subscriber id
 * @param emailAddress the address (personal data: {@link #toString()} hides it)
 * @param firstName    may be null
 * @param state        Kit's state, e.g. {@code active}, {@code cancelled}, {@code bounced}
 */
public record KitSubscriber(long id, String emailAddress, String firstName, String state) {

    @Override
    public String toString() {
        return "KitSubscriber[id=" + id + ", emailAddress=<email>, state=" + state + "]";
    }
}
