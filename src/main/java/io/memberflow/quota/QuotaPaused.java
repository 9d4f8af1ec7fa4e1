package io.memberflow.quota;

/**
 * Background work would spend more of Circle's monthly quota than its share: it stops here, before the request, and
 * says why in words. Never thrown on the live path.
 */
public class QuotaPaused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QuotaPaused(String message) {
        super(message);
    }
}
