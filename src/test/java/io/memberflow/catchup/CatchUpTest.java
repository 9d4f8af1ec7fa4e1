package io.memberflow.catchup;

import io.memberflow.intake.EventIntake;
import io.memberflow.inbox.InboxRows;
import io.memberflow.inbox.InboxStatus;
import io.memberflow.support.DatabaseTest;
import io.memberflow.support.Eventually;
import io.memberflow.workflow.CustomerRecord;
import io.memberflow.temporal.WorkflowGateway;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The catch-up activity against a stand-in Stripe holding thirty days of events, with a one-hour outage. */
@MicronautTest(transactional = false)
class CatchUpTest implements DatabaseTest {
    static final StandInStripe STRIPE = new StandInStripe();

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.stripe.api-key", StandInStripe.KEY,
                "memberflow.stripe.api-base", STRIPE.base(),
                "memberflow.catch-up.retry-backoff", "20ms");
    }

    @AfterAll
    void stop() throws IOException {
        STRIPE.close();
    }

    @Inject
    StripeCatchUp catchUp;
    @Inject
    CatchUpStore store;
    @Inject
    InboxRows inbox;
    @Inject
    EventIntake intake;
    @Inject
    WorkflowGateway gateway;
    @Inject
    io.memberflow.inbox.InboxRelay relay;

    @BeforeEach
    void forgetTheCursor() throws Exception {
        Map<String, Object> db = io.memberflow.support.TestDatabase.properties();
        try (var c = java.sql.DriverManager.getConnection(String.valueOf(db.get("datasources.default.url")),
                String.valueOf(db.get("datasources.default.username")), String.valueOf(db.get("datasources.default.password")));
             var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM catch_up_cursor");
        }
        STRIPE.rateLimitOn.clear();
        STRIPE.listUrls.clear();
        STRIPE.listRequests.set(0);
        STRIPE.rateLimited.set(0);
    }

    private CatchUpCounts run(Instant since) {
        return catchUp.run(new CatchUpRequest(since == null ? null : since.getEpochSecond(), "test"), page -> { });
    }

    @Test
    void givenThirtyDaysOfEventsAndAnHourLongOutage_thenEveryMissedEventIsRecoveredOnceAndASecondRunRecoversNothing() {
        CatchUpFixture f = new CatchUpFixture(STRIPE, inbox);
        STRIPE.rateLimitOn.add(2);

        long started = System.nanoTime();
        CatchUpCounts first = run(f.now.minus(Duration.ofDays(30)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        int handled = f.handledReceived + f.missedCount();
        assertThat(first.seen()).as("every handled event of the 30 days, none of the other types").isEqualTo(handled);
        assertThat(first.recovered()).isEqualTo(12);
        assertThat(first.alreadyKnown()).isEqualTo(f.handledReceived);
        assertThat(first.pages()).isEqualTo((handled + 99) / 100);
        assertThat(STRIPE.rateLimited.get()).as("one 429, retried in place").isEqualTo(1);
        assertThat(STRIPE.listRequests.get()).isEqualTo(first.pages() + 1);
        for (HttpUrl url : STRIPE.listUrls) {
            assertThat(url.queryParameter("limit")).isEqualTo("100");
            assertThat(url.queryParameterValues("types[0]")).hasSize(1);
            assertThat(Long.parseLong(url.queryParameter("created[gte]")))
                    .isGreaterThanOrEqualTo(f.now.minus(Duration.ofDays(30)).getEpochSecond());
        }
        for (String id : f.missedIds()) {
            assertThat(inbox.findById(id)).get().extracting(e -> e.status()).isIn(InboxStatus.RECEIVED, InboxStatus.DISPATCHED);
        }
        f.missed.forEach((customer, ids) -> {
            CustomerRecord state = Eventually.await(customer + " applied its missed events", Duration.ofSeconds(20),
                    () -> {
                        relay.relayDue(); // what the dispatcher left to the relay (whose own pass is switched off in tests)
                        return gateway.existing(customer).state();
                    }, r -> ids.stream().allMatch(r::hasApplied));
            assertThat(state.eventsApplied()).as("each missed event applied once").isEqualTo(ids.size());
        });

        CatchUpCounts second = run(null);
        assertThat(second.recovered()).isZero();
        assertThat(second.fromEpochSecond()).as("from the cursor, minus the overlap")
                .isEqualTo(Instant.ofEpochSecond(first.untilEpochSecond()).minus(Duration.ofMinutes(10)).getEpochSecond());
        System.out.printf("catch-up of 30 days: %s in %d ms%n", first, tookMillis);
    }

    @Test
    void givenACatchUpBeforeTheOutageAndWebhooksAfterIt_thenTheNextRunFindsTheGapFromItsCursor() {
        CatchUpFixture f = new CatchUpFixture(STRIPE, inbox);
        store.advance(f.now.minus(Duration.ofHours(4)), f.now);

        CatchUpCounts counts = run(null);

        assertThat(counts.fromEpochSecond()).isEqualTo(f.now.minus(Duration.ofHours(4)).minus(Duration.ofMinutes(10)).getEpochSecond());
        assertThat(counts.recovered()).as("the outage's events, though newer events arrived after it").isEqualTo(12);
        assertThat(counts.pages()).isEqualTo(1);
        assertThat(store.coveredUntil()).get().satisfies(t -> assertThat(t).isAfterOrEqualTo(f.now.minusSeconds(1)));
    }

    @Test
    void givenTwoOverlappingRuns_thenEachMissedEventIsRecordedByExactlyOneOfThem() {
        CatchUpFixture f = new CatchUpFixture(STRIPE, inbox);
        Instant since = f.now.minus(Duration.ofHours(5));

        CompletableFuture<CatchUpCounts> a = CompletableFuture.supplyAsync(() -> run(since));
        CompletableFuture<CatchUpCounts> b = CompletableFuture.supplyAsync(() -> run(since));

        assertThat(a.join().recovered() + b.join().recovered()).isEqualTo(12);
        assertThat(a.join().seen()).isEqualTo(b.join().seen());
    }

    @Test
    void givenAnEventAlreadyReceivedByWebhook_thenRecordingItAgainFromTheApiIsADuplicate() {
        CatchUpFixture f = new CatchUpFixture(STRIPE, inbox);
        String id = f.received.get(0);
        String payload = inbox.findById(id).orElseThrow().payload();

        EventIntake.Outcome outcome = intake.recordTrusted(payload.getBytes(StandardCharsets.UTF_8));

        assertThat(outcome).isEqualTo(EventIntake.Outcome.DUPLICATE);
        assertThat(inbox.findById(id).orElseThrow().status()).isEqualTo(InboxStatus.DISPATCHED);
    }

    @Test
    void givenAnEmptyCursor_thenTheFirstRunStartsFromTheNewestEventInTheInboxMinusTheOverlap() {
        CatchUpFixture f = new CatchUpFixture(STRIPE, inbox);
        Instant newest = store.newestEventInInbox().orElseThrow();

        CatchUpCounts counts = run(null);

        assertThat(counts.fromEpochSecond()).isEqualTo(newest.minus(Duration.ofMinutes(10)).getEpochSecond());
        assertThat(newest).isAfterOrEqualTo(f.now.minus(Duration.ofMinutes(31)));
    }

    @Test
    void givenASinceOlderThanThirtyDays_thenTheListingStartsThirtyDaysAgo() {
        new CatchUpFixture(STRIPE, inbox);
        List<Long> gte = new ArrayList<>();

        CatchUpCounts counts = run(Instant.now().minus(Duration.ofDays(90)));
        STRIPE.listUrls.forEach(u -> gte.add(Long.parseLong(u.queryParameter("created[gte]"))));

        assertThat(Instant.now().minus(Duration.ofDays(30)).getEpochSecond() - counts.fromEpochSecond()).isBetween(0L, 5L);
        assertThat(gte).allMatch(g -> g == counts.fromEpochSecond());
    }
}
