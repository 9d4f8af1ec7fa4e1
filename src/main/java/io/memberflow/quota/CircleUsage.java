package io.memberflow.quota;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Circle requests spent this month (UTC) against the plan's quota: by live grants and revokes and by background work
 * (reconciliation runs), and what background work may still spend: its share ({@code quota} less the live
 * reserve) less what it spent, and never more than what is left of the whole quota.
 */
public record CircleUsage(YearMonth month, long live, long background, int quota, long backgroundBudget, Instant at) {

    public long used() {
        return live + background;
    }

    /** Requests background work may still make this month (never negative). */
    public long backgroundLeft() {
        return Math.max(0, Math.min(backgroundBudget - background, quota - used()));
    }

    /** The month's usage at this pace, from the share of the month gone by; null in its first hour (no pace yet). */
    public @Nullable Long projected() {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Duration gone = Duration.between(start, at);
        if (gone.compareTo(Duration.ofHours(1)) < 0) {
            return null;
        }
        return Math.round(used() * (double) Duration.between(start, end).toMillis() / gone.toMillis());
    }

    /** When the month's count starts again. */
    public Instant resetsAt() {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
