package io.memberflow.intake;

import io.memberflow.config.StripeProperties;
import io.memberflow.config.TemporalProperties;
import io.memberflow.support.Settings;
import io.memberflow.standin.StripeSigner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureVerifierTest {
    private static final String SECRET = "whsec_unit";
    private static final String BODY = "{\"id\":\"evt_1\"}";
    private final SignatureVerifier verifier = new SignatureVerifier(Settings.stripe(SECRET, null),
            new WebhookSecrets(Settings.stripe(SECRET, null),
                    Settings.temporal(null)));

    private void verify(long signedAt, Instant now) {
        verifier.verify(BODY.getBytes(StandardCharsets.UTF_8), StripeSigner.header(BODY, SECRET, signedAt), now);
    }

    @Test
    void givenASignatureDatedBeyondTheToleranceInTheFuture_thenItIsRefused() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> verify(now.getEpochSecond() + 301, now)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> verify(now.getEpochSecond() + 86_400 * 365, now)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void givenASignatureWithinTheToleranceEitherWay_thenItIsAccepted() {
        Instant now = Instant.now();
        assertThatCode(() -> verify(now.getEpochSecond() + 299, now)).doesNotThrowAnyException();
        assertThatCode(() -> verify(now.getEpochSecond() - 299, now)).doesNotThrowAnyException();
    }

    @Test
    void givenASignatureBeyondTheToleranceInThePast_thenItIsRefused() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> verify(now.getEpochSecond() - 301, now)).hasMessageContaining("tolerance");
    }
}
