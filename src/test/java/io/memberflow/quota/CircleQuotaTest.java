package io.memberflow.quota;

import io.memberflow.integrations.VendorHttp;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.persistence.CircleQuotaStore;
import io.memberflow.standin.CircleStandIn;
import io.memberflow.support.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Circle's monthly quota as memberflow keeps it: every request counted as Circle counts it (every answer but a 5xx,
 * 4xx and 429 included: api.circle.so/apis/admin-api/usage-and-limits), the same count the faithful Circle stand-in
 * keeps; the month's usage summed across processes in the database; background work refused past its share, the
 * live path never. Each test uses a month of its own (a fixed clock), so the shared database does not mix them.
 */
@MicronautTest(transactional = false)
class CircleQuotaTest implements DatabaseTest {
    static final CircleStandIn CIRCLE = start();

    private static CircleStandIn start() {
        try {
            return new CircleStandIn("tok", Duration.ZERO, 0, 0).accessGroup(101);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() {
        CIRCLE.close();
    }

    @Inject
    CircleQuotaStore store;

    /** A quota of 100 a month, half kept for live grants, in a month no other test uses. */
    private CircleQuota quota(int year) {
        Clock clock = Clock.fixed(Instant.parse(year + "-06-16T00:00:00Z"), ZoneOffset.UTC);
        return new CircleQuota(store, 100, 0.5, clock);
    }

    private static CircleClient client(CircleQuota quota, CircleQuota.Purpose purpose) {
        return new CircleClient(CIRCLE.baseUrl(), "tok", VendorHttp.defaultHttpClient().newBuilder()
                .addInterceptor(quota.interceptor(purpose)).build());
    }

    @Test
    void givenAnswers200404422429And503_thenMemberflowCountsWhatCircleCounts() {
        CircleQuota quota = quota(2101);
        CircleClient circle = client(quota, CircleQuota.Purpose.LIVE);
        CIRCLE.resetCounts();
        CIRCLE.seedMember("ada@example.com", Set.of(101L));

        circle.accessGroupMembers(101, 1, 100);                      // 200
        circle.findMember("nobody@example.com");                     // 404
        catchThrowable(() -> circle.ensureMember("not-an-address@x", null).member()); // 404 search, 422 create, 404 search
        CIRCLE.failNext(3);
        catchThrowable(() -> circle.accessGroupMembers(101, 1, 100)); // 503, and the two in-call retries: 503, 503
        CIRCLE.rateLimit(1, Duration.ofMinutes(5));
        circle.accessGroupMembers(101, 1, 100);                      // 200
        catchThrowable(() -> circle.accessGroupMembers(101, 1, 100)); // 429
        CIRCLE.rateLimit(0, Duration.ofMinutes(5));

        assertThat(CIRCLE.served("503 injected")).isEqualTo(3);
        assertThat(quota.usage().live()).isEqualTo(CIRCLE.quotaUsed()).isEqualTo(7);
    }

    @Test
    void givenTwoProcesses_thenTheMonthsUsageIsTheirSumAndSurvivesARestart() {
        CircleQuota one = quota(2102);
        CircleQuota two = quota(2102);
        one.count(CircleQuota.Purpose.LIVE, 30);
        two.count(CircleQuota.Purpose.BACKGROUND, 12);

        one.flush();
        two.flush();
        one.flush();
        CircleQuota restarted = quota(2102);
        restarted.flush();

        assertThat(restarted.usage().live()).isEqualTo(30);
        assertThat(restarted.usage().background()).isEqualTo(12);
        assertThat(one.usage().used()).isEqualTo(42);
        assertThat(quota(2103).usage().used()).as("another month starts at zero").isZero();
    }

    @Test
    void givenBackgroundWorkAtItsShare_thenItIsRefusedInWordsWhileLiveRequestsGoOn() {
        CircleQuota quota = quota(2104);
        quota.count(CircleQuota.Purpose.BACKGROUND, 48);

        quota.requireBackground(2, "a run", false);
        assertThatThrownBy(() -> quota.requireBackground(3, "listing the paid Circle groups", false))
                .isInstanceOf(QuotaPaused.class)
                .hasMessageContaining("listing the paid Circle groups needs about 3 more Circle request(s)")
                .hasMessageContaining("2 left of its share this month (48 of 50 spent")
                .hasMessageContaining("the monthly quota 100")
                .hasMessageContaining("2104-07-01T00:00:00Z");
        quota.requireBackground(3, "a run the operator lets go on", true);

        CircleClient live = client(quota, CircleQuota.Purpose.LIVE);
        quota.count(CircleQuota.Purpose.BACKGROUND, 2);
        live.findMember("nobody@example.com"); // never refused by memberflow: only counted
        assertThat(quota.usage().live()).isEqualTo(1);
        assertThat(quota.usage().backgroundLeft()).isZero();
    }

    @Test
    void givenLiveGrantsBeyondTheirReserve_thenBackgroundWorkStopsBeforeTheWholeQuotaIsGone() {
        CircleQuota quota = quota(2105);
        quota.count(CircleQuota.Purpose.LIVE, 90);
        quota.count(CircleQuota.Purpose.BACKGROUND, 5);

        assertThat(quota.usage().backgroundLeft()).as("5 left of the quota, though 45 of the share").isEqualTo(5);
    }

    @Test
    void givenHalfTheMonthGone_thenTheProjectionDoublesTheUsage() {
        CircleUsage half = new CircleUsage(java.time.YearMonth.of(2026, 6), 1_000, 500, 5_000, 2_500,
                Instant.parse("2026-06-16T00:00:00Z"));
        CircleUsage start = new CircleUsage(java.time.YearMonth.of(2026, 6), 3, 0, 5_000, 2_500,
                Instant.parse("2026-06-01T00:10:00Z"));

        assertThat(half.projected()).isEqualTo(3_000);
        assertThat(start.projected()).isNull();
    }
}
