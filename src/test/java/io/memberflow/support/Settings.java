package io.memberflow.support;

import io.memberflow.config.StripeProperties;
import io.memberflow.config.TemporalProperties;

import java.time.Duration;

/** Configuration records for tests that build a bean by hand: application.yml's values, with what the test varies. */
public final class Settings {
    private Settings() {
    }

    public static StripeProperties stripe(String webhookSecrets, String apiKey) {
        return new StripeProperties(webhookSecrets, Duration.ofSeconds(300), apiKey, null, Duration.ofMillis(250), 50);
    }

    /** {@code address} null: the embedded test server, in memory. */
    public static TemporalProperties temporal(String address) {
        return new TemporalProperties(address, "default", "memberflow", 0, null, null, null, null, null);
    }
}
