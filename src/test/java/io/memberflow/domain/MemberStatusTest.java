package io.memberflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberStatusTest {

    @ParameterizedTest(name = "{0} has access: {1}, config key \"{2}\"")
    @CsvSource({
            "LEAD,      false, lead",
            "TRIALING,  true,  trialing",
            "ACTIVE,    true,  active",
            "PAST_DUE,  true,  past-due",
            "SUSPENDED, false, suspended",
            "PAUSED,    false, paused",
            "CANCELED,  false, canceled",
            "REFUNDED,  false, refunded",
            "BLOCKED,   false, blocked",
    })
    void givenStatus_thenAccessAndConfigKeyAreAsDocumented(MemberStatus status, boolean access, String key) {
        assertThat(status.hasAccess()).isEqualTo(access);
        assertThat(status.configKey()).isEqualTo(key);
    }
}
