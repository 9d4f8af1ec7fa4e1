package io.memberflow.kit;

import io.memberflow.intake.InvalidSignatureException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KitSignatureTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final byte[] BODY = "{\"events\":[{\"id\":\"e1\"}]}".getBytes(StandardCharsets.UTF_8);
    final KitSignature verifier = new KitSignature("kit_secret_new, kit_secret_old", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void givenABodySignedWithTheSecret_thenItIsAccepted() {
        assertThatCode(() -> verifier.verify(BODY, KitSignature.header("kit_secret_new", NOW, BODY))).doesNotThrowAnyException();
    }

    @Test
    void givenTheOldSecretWhileRolling_thenItIsAcceptedToo() {
        assertThatCode(() -> verifier.verify(BODY, KitSignature.header("kit_secret_old", NOW, BODY))).doesNotThrowAnyException();
    }

    @Test
    void givenSeveralV1ValuesOfWhichOneMatches_thenItIsAccepted() {
        String good = KitSignature.header("kit_secret_new", NOW, BODY);
        String wrong = KitSignature.header("someone_else", NOW, BODY).replaceFirst("t=\\d+,", "");
        assertThatCode(() -> verifier.verify(BODY, good.replace(",v1=", "," + wrong + ",v1="))).doesNotThrowAnyException();
    }

    @Test
    void givenAWrongSecret_thenItIsRefusedWithoutEchoingTheHeader() {
        String header = KitSignature.header("not_the_secret", NOW, BODY);
        assertThatThrownBy(() -> verifier.verify(BODY, header)).isInstanceOf(InvalidSignatureException.class)
                .hasMessage("invalid signature: no signature matches");
    }

    @Test
    void givenATamperedBody_thenItIsRefused() {
        String header = KitSignature.header("kit_secret_new", NOW, BODY);
        byte[] tampered = "{\"events\":[{\"id\":\"e2\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(tampered, header)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void givenATimestampMoreThanFiveMinutesOldOrAhead_thenItIsRefused() {
        assertThatThrownBy(() -> verifier.verify(BODY, KitSignature.header("kit_secret_new", NOW.minusSeconds(301), BODY)))
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> verifier.verify(BODY, KitSignature.header("kit_secret_new", NOW.plusSeconds(301), BODY)))
                .hasMessageContaining("tolerance");
        assertThatCode(() -> verifier.verify(BODY, KitSignature.header("kit_secret_new", NOW.minusSeconds(299), BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void givenAMissingOrMalformedHeader_thenItIsRefused() {
        assertThatThrownBy(() -> verifier.verify(BODY, null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> verifier.verify(BODY, "v1=abc")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> verifier.verify(BODY, "t=123")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> verifier.verify(BODY, "t=1764072000,v1=" + "zz".repeat(32))).hasMessageContaining("malformed");
    }

    @Test
    void givenNoSecretConfigured_thenKitWebhooksAreOff() {
        org.assertj.core.api.Assertions.assertThat(new KitSignature(" , ", Clock.fixed(NOW, ZoneOffset.UTC)).enabled()).isFalse();
        org.assertj.core.api.Assertions.assertThat(verifier.enabled()).isTrue();
    }
}
