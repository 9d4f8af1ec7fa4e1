package io.memberflow.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times and durations as people read them: "3 min ago", "in 2 days 4 h", with the exact UTC time beside. */
final class TimeWords {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TimeWords() {
    }

    /** "2 days 4 h", "3 h 12 min", "5 min", "40 s": the two largest units, never a bare number. */
    static String duration(Duration d) {
        long s = Math.abs(d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes > 0 ? minutes + " min" : s + " s";
    }

    /** "3 min ago" for the past, "in 2 days 4 h" for the future, "just now" within 5 seconds. */
    static String relative(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (Math.abs(d.getSeconds()) < 5) {
            return "just now";
        }
        return d.isNegative() ? "in " + duration(d) : duration(d) + " ago";
    }

    /** The exact time, "2025-03-01 14:03:22 UTC". */
    static String utc(Instant at) {
        return UTC.format(at);
    }

    /** A {@code <time>} element: relative text, exact UTC time in its title; {@code none} when there is no time. */
    static String html(Instant at, Instant now, String none) {
        if (at == null) {
            return "<span class=\"muted\">" + Html.esc(none) + "</span>";
        }
        return "<time datetime=\"" + Html.esc(at.toString()) + "\" title=\"" + Html.esc(utc(at)) + "\">"
                + Html.esc(relative(at, now)) + "</time>";
    }

    static String html(Instant at, Instant now) {
        return html(at, now, "never");
    }
}
