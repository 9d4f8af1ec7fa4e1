package io.memberflow.intake;

import io.memberflow.config.StripeProperties;
import io.memberflow.config.TemporalProperties;
import io.memberflow.support.Settings;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretsTest {

    private static StripeProperties stripe(String secrets) {
        return Settings.stripe(secrets, null);
    }

    private static TemporalProperties temporal(String address) {
        return Settings.temporal(address);
    }

    @Test
    void givenARealTemporalAndTheDevelopmentSecret_thenStartUpIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new WebhookSecrets(stripe(StripeProperties.LOCAL_DEV_SECRET), temporal("temporal:7233")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET").hasMessageContaining("development")
                .hasMessageNotContaining(StripeProperties.LOCAL_DEV_SECRET);
    }

    @Test
    void givenARealTemporalAndTheDevelopmentSecretAmongRolledSecrets_thenStartUpIsRefused() {
        assertThatThrownBy(() -> new WebhookSecrets(stripe("whsec_real, " + StripeProperties.LOCAL_DEV_SECRET),
                temporal("temporal:7233"))).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void givenARealTemporalAndNoSecret_thenStartUpIsRefused() {
        assertThatThrownBy(() -> new WebhookSecrets(stripe(""), temporal("temporal:7233")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("STRIPE_WEBHOOK_SECRET");
    }

    @Test
    void givenARealTemporalAndARealSecret_thenThatSecretIsUsed() {
        assertThat(new WebhookSecrets(stripe("whsec_real"), temporal("temporal:7233")).secrets()).containsExactly("whsec_real");
    }

    @Test
    void givenTheEmbeddedTemporalAndNoSecret_thenTheDevelopmentSecretIsUsed() {
        assertThat(new WebhookSecrets(stripe(null), temporal(null)).secrets()).containsExactly(StripeProperties.LOCAL_DEV_SECRET);
    }
}
