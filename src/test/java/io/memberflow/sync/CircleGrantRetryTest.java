package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.persistence.CircleMemberStore;
import io.memberflow.standin.CircleStandIn;
import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Circle grants against the faithful Circle stand-in. A retried grant looks before it grants: after a timeout or a
 * worker crash, Circle may already hold the group the first attempt added, and it is not sent twice. So does a first
 * attempt for a member Circle already had (a local try cut off by a crash runs again as attempt 1). A first attempt for
 * a member it creates grants without looking (one call fewer). Every grant keeps the customer's Circle member id, which reconciliation
 * matches Circle's id-only group listings by.
 */
@MicronautTest
class CircleGrantRetryTest implements DatabaseTest {
    private static final CircleStandIn CIRCLE = start();

    private static CircleStandIn start() {
        try {
            return new CircleStandIn("circle-token", Duration.ZERO, 0, 0).accessGroup(101, 102);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.circle.api-token", "circle-token", "memberflow.circle.api-url", CIRCLE.baseUrl());
    }

    @AfterAll
    void stop() {
        CIRCLE.close();
    }

    @Inject
    CircleCommunityAccess circle;
    @Inject
    CircleMemberStore members;

    String customer;
    String email;

    @BeforeEach
    void reset() {
        customer = "cus_retry" + Long.toString(System.nanoTime(), 36);
        email = customer + "@example.com";
        CIRCLE.resetCounts();
    }

    private AccessChange change() {
        return new AccessChange(customer, email, "Ada", Set.of(101L, 102L), "evt_1");
    }

    @Test
    void givenAFirstAttempt_thenEachGroupIsGrantedWithoutALookAndTheMemberIdIsKept() {
        circle.grant(change(), 1);

        assertThat(CIRCLE.served("POST grant")).isEqualTo(2);
        assertThat(CIRCLE.served(CircleStandIn.CHECK_MEMBER)).isZero();
        assertThat(CIRCLE.groupsOf(email)).containsExactly(101L, 102L);
        assertThat(members.memberOf(customer)).contains(CIRCLE.memberId(email));
    }

    @Test
    void givenARetryAfterCircleAlreadyGrantedOneGroup_thenOnlyTheMissingGroupIsGranted() {
        CIRCLE.seedMember(email, Set.of(101L));

        circle.grant(change(), 2);

        assertThat(CIRCLE.served("POST grant")).isEqualTo(1);
        assertThat(CIRCLE.served(CircleStandIn.CHECK_MEMBER)).isEqualTo(2);
        assertThat(CIRCLE.groupsOf(email)).containsExactly(101L, 102L);
        assertThat(CIRCLE.duplicateGrants()).isZero();
        assertThat(members.memberOf(customer)).contains(CIRCLE.memberId(email));
    }

    @Test
    void givenAFirstAttemptForAMemberCircleAlreadyHasInOneGroup_thenOnlyTheMissingGroupIsGranted() {
        CIRCLE.seedMember(email, Set.of(101L));

        circle.grant(change(), 1);

        assertThat(CIRCLE.served("POST grant")).isEqualTo(1);
        assertThat(CIRCLE.served(CircleStandIn.CHECK_MEMBER)).isEqualTo(2);
        assertThat(CIRCLE.served("POST create member")).isZero();
        assertThat(CIRCLE.groupsOf(email)).containsExactly(101L, 102L);
        assertThat(CIRCLE.duplicateGrants()).isZero();
    }

    @Test
    void givenARevokeFromAGroupCircleDoesNotHave_thenItFailsFinalAsAConfigurationError() {
        CIRCLE.seedMember(email, Set.of(101L));
        AccessChange wrongGroup = new AccessChange(customer, email, "Ada", Set.of(103L), "evt_2");

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> circle.revokeAccess(wrongGroup));

        assertThat(failure).isInstanceOfSatisfying(io.temporal.failure.ApplicationFailure.class, f -> {
            assertThat(f.isNonRetryable()).isTrue();
            assertThat(f.getType()).isEqualTo(io.memberflow.activities.VendorFailures.FINAL);
            assertThat(f.getOriginalMessage()).contains("access group 103 does not exist in Circle", "configuration error")
                    .doesNotContain(email);
        });
        assertThat(CIRCLE.groupsOf(email)).as("the real group untouched").containsExactly(101L);
    }

    @Test
    void givenARevokeOfAMembershipOrAMemberAlreadyGone_thenItIsDone() {
        CIRCLE.seedMember(email, Set.of(101L));
        CIRCLE.removeFromGroup(email, 101);

        circle.revokeAccess(new AccessChange(customer, email, "Ada", Set.of(101L, 102L), "evt_3"));
        circle.revokeAccess(new AccessChange(customer, "never." + email, "Ada", Set.of(101L), "evt_4"));

        assertThat(CIRCLE.served("DELETE revoke")).isEqualTo(3);
    }
}
