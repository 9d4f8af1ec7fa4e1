package io.memberflow.support;

import io.memberflow.standin.StripeSigner;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;

/** Builds webhook requests signed the way Stripe signs them. */
public final class Webhooks {
    public static final String SECRET = "whsec_test_primary";
    public static final String ROLLED_SECRET = "whsec_test_rolled";

    private Webhooks() {
    }

    /** The {@code id} of an event built by StripeEvents (always its first field). */
    public static String eventId(String payload) {
        return payload.replaceAll("(?s)^\\{\"id\":\"([^\"]+)\".*", "$1");
    }

    public static MutableHttpRequest<String> signed(String payload) {
        return signed(payload, SECRET, System.currentTimeMillis() / 1000);
    }

    public static MutableHttpRequest<String> signed(String payload, String secret, long timestamp) {
        return HttpRequest.POST("/webhooks/stripe", payload)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Stripe-Signature", StripeSigner.header(payload, secret, timestamp));
    }
}
