package io.memberflow.activities;

/** Which other customers share this e-mail address: asked before memberflow removes anything at the address. */
public record SameAddressQuery(String customerId, String email) {
    public SameAddressQuery {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
    }
}
