package io.memberflow.integrations.circle;

/**
 * A Circle community member, as far as memberflow needs it.
 *
 * @param id     Circle's community member id
 * @param email  the member's e-mail address (personal data: {@link #toString()} hides it)
 * @param name   the display name, may be null
 * @param active whether Circle reports the member as active; null when the answer did not say
 */
public record CircleMember(long id, String email, String name, Boolean active) {

    @Override
    public String toString() {
        return "CircleMember[id=" + id + ", email=<email>, active=" + active + "]";
    }
}
