package io.memberflow.admin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AdminSessionsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final AdminSessions sessions = new AdminSessions(new AdminProperties("the-admin-token"));

    @Test
    void givenANewSession_thenItIsValidAndDoesNotContainTheToken() {
        String cookie = sessions.issue(NOW);
        assertThat(sessions.valid(cookie, NOW.plusSeconds(60))).isTrue();
        assertThat(cookie).startsWith("v1.").doesNotContain("the-admin-token").matches("[A-Za-z0-9._-]+");
    }

    @Test
    void givenTwelveHoursPassed_thenTheSessionHasExpired() {
        String cookie = sessions.issue(NOW);
        assertThat(sessions.valid(cookie, NOW.plus(Duration.ofHours(12)).minusSeconds(1))).isTrue();
        assertThat(sessions.valid(cookie, NOW.plus(Duration.ofHours(12)))).isFalse();
    }

    @Test
    void givenTheTokenWasRotated_thenEveryEarlierSessionEnds() {
        String cookie = sessions.issue(NOW);
        AdminSessions rotated = new AdminSessions(new AdminProperties("a-new-admin-token"));
        assertThat(rotated.valid(cookie, NOW)).isFalse();
    }

    @Test
    void givenATamperedExpiryOrSignature_thenTheSessionIsRefused() {
        String cookie = sessions.issue(NOW);
        String[] p = cookie.split("\\.");
        String longer = String.join(".", p[0], p[1], String.valueOf(Long.parseLong(p[2]) + 86_400), p[3], p[4]);
        assertThat(sessions.valid(longer, NOW)).isFalse();
        String badMac = String.join(".", p[0], p[1], p[2], p[3], p[4].substring(1) + "A");
        assertThat(sessions.valid(badMac, NOW)).isFalse();
        assertThat(sessions.valid("the-admin-token", NOW)).isFalse();
        assertThat(sessions.valid(null, NOW)).isFalse();
    }

    @Test
    void givenALoggedOutSession_thenItIsNoLongerValidButOthersAre() {
        String gone = sessions.issue(NOW);
        String other = sessions.issue(NOW);
        sessions.revoke(gone, NOW);
        assertThat(sessions.valid(gone, NOW)).isFalse();
        assertThat(sessions.valid(other, NOW)).isTrue();
    }

    @Test
    void givenTwoSessions_thenEachCsrfTokenMatchesOnlyItsOwnSession() {
        String a = sessions.issue(NOW);
        String b = sessions.issue(NOW);
        assertThat(sessions.csrfMatches(a, sessions.csrfToken(a))).isTrue();
        assertThat(sessions.csrfMatches(b, sessions.csrfToken(a))).isFalse();
        assertThat(sessions.csrfMatches(a, null)).isFalse();
        assertThat(sessions.csrfToken(a)).isNotEqualTo(a);
    }
}
