package io.memberflow.quota;

import io.memberflow.config.IntegrationProperties;
import io.memberflow.persistence.CircleQuotaStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Circle's monthly request quota, counted as Circle counts it: every answer but a 5xx, 4xx and 429 included
 * (api.circle.so/apis/admin-api/usage-and-limits); a request that timed out is counted too (Circle may have answered
 * it). Every Circle client counts through {@link #interceptor}, by {@link Purpose}. Counts are kept in memory and
 * added to {@code circle_quota_usage} every 5 s (and at shutdown), so the month's usage is the sum of every
 * process's, and survives restarts (a crash loses at most 5 s of counts).
 *
 * <p>The live path (grants and revokes) is only counted, never refused: {@code memberflow.circle.live-reserve} of the
 * quota is kept for it, and background work checks {@link #requireBackground} before it spends, so it stops at its
 * share. Shown on the admin overview and in {@code /prometheus} ({@code memberflow_circle_quota_*}).
 */
@Singleton
public class CircleQuota {
    /** What a request is spent on. */
    public enum Purpose {
        LIVE, BACKGROUND;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CircleQuota.class);
    private final CircleQuotaStore store;
    private final int quota;
    private final long backgroundBudget;
    private final Clock clock;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private volatile Map<String, Long> stored = Map.of();
    private volatile YearMonth storedMonth;

    public CircleQuota(CircleQuotaStore store, IntegrationProperties.Circle circle, MeterRegistry metrics) {
        this(store, circle.monthlyQuota(), circle.liveReserve(), Clock.systemUTC());
        Gauge.builder("memberflow.circle.quota.used", this, q -> q.usage().live()).tag("purpose", "live")
                .description("Circle requests counted against this month's quota").register(metrics);
        Gauge.builder("memberflow.circle.quota.used", this, q -> q.usage().background()).tag("purpose", "background")
                .description("Circle requests counted against this month's quota").register(metrics);
        Gauge.builder("memberflow.circle.quota.limit", this, q -> q.quota).description("Circle's monthly quota")
                .register(metrics);
        Gauge.builder("memberflow.circle.quota.background.budget", this, q -> q.backgroundBudget)
                .description("The part of the monthly quota background work may spend").register(metrics);
        Gauge.builder("memberflow.circle.quota.projected", this, q -> {
            Long p = q.usage().projected();
            return p == null ? Double.NaN : p;
        }).description("This month's Circle requests at the pace so far").register(metrics);
    }

    /** Without meters, on any clock (tests and tools). */
    public CircleQuota(CircleQuotaStore store, int quota, double liveReserve, Clock clock) {
        this.store = store;
        this.quota = quota;
        this.backgroundBudget = (long) Math.floor(quota * (1 - liveReserve));
        this.clock = clock;
    }

    /** Counts every answer of the client it is added to, under {@code purpose}. */
    public Interceptor interceptor(Purpose purpose) {
        return chain -> {
            try {
                Response response = chain.proceed(chain.request());
                if (response.code() < 500) {
                    count(purpose, 1);
                }
                return response;
            } catch (InterruptedIOException timedOut) {
                count(purpose, 1); // Circle may have answered and counted it
                throw timedOut;
            } catch (IOException noAnswer) {
                throw noAnswer;
            }
        };
    }

    /** Counts {@code n} requests spent on {@code purpose} now. */
    public void count(Purpose purpose, long n) {
        pending.computeIfAbsent(month() + "|" + purpose.key(), k -> new AtomicLong()).addAndGet(n);
    }

    /** This month's usage: what the database held at the last flush plus this process's counts since. */
    public CircleUsage usage() {
        YearMonth month = month();
        Map<String, Long> base = month.equals(storedMonth) ? stored : Map.of();
        long live = base.getOrDefault("live", 0L) + pendingOf(month, Purpose.LIVE);
        long background = base.getOrDefault("background", 0L) + pendingOf(month, Purpose.BACKGROUND);
        return new CircleUsage(month, live, background, quota, backgroundBudget, clock.instant());
    }

    /**
     * Throws when background work would go past its share with {@code requests} more requests ({@code what} says
     * for what). {@code overQuota}: an operator said to go on anyway (still counted).
     *
     * @throws QuotaPaused with the figures and when the count starts again
     */
    public void requireBackground(long requests, String what, boolean overQuota) {
        CircleUsage u = usage();
        if (overQuota || requests <= u.backgroundLeft()) {
            return;
        }
        throw new QuotaPaused("paused: " + what + " needs about " + requests + " more Circle request(s) but background work"
                + " has " + u.backgroundLeft() + " left of its share this month (" + u.background() + " of "
                + u.backgroundBudget() + " spent; all requests " + u.used() + " of the monthly quota " + u.quota()
                + ", the rest is kept for live grants and revokes). The count starts again on " + u.resetsAt()
                + "; raise memberflow.circle.monthly-quota after a plan upgrade, or resume with \"overQuota\":true to"
                + " spend the live reserve");
    }

    /** Adds this process's counts to the database and reads the installation's back. */
    @Scheduled(fixedDelay = "5s", initialDelay = "1s")
    @PreDestroy
    public void flush() {
        Instant now = clock.instant();
        for (Map.Entry<String, AtomicLong> e : pending.entrySet()) {
            long n = e.getValue().getAndSet(0);
            if (n == 0) {
                continue;
            }
            String[] key = e.getKey().split("\\|");
            try {
                store.add(key[0], key[1], n, now);
            } catch (RuntimeException failed) {
                e.getValue().addAndGet(n); // kept for the next flush
                LOG.warn("Could not save Circle request counts: {}", failed.getMessage());
                return;
            }
        }
        try {
            YearMonth month = month();
            stored = store.month(month.toString());
            storedMonth = month;
        } catch (RuntimeException failed) {
            LOG.debug("Could not read Circle request counts: {}", failed.getMessage());
        }
    }

    private long pendingOf(YearMonth month, Purpose purpose) {
        AtomicLong n = pending.get(month + "|" + purpose.key());
        return n == null ? 0 : n.get();
    }

    private YearMonth month() {
        return YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
    }
}
