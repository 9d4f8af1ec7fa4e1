package io.memberflow.admin;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.memberflow.admin.Html.esc;

/**
 * A timeline line as people read it. The audit trail keeps ids and epoch numbers as the workflow wrote them
 * ({@code kit add tags [9001] done}, {@code past due until 1796721340121}); the page shows Circle groups and Kit
 * tags by name with the id beside ("pro (9001)") and times as the rest of the page does ("in 2 days", the exact UTC
 * time in a tooltip). Everything else is escaped text.
 */
final class TimelineText {
    /** A list of group or tag ids after the word naming them, or an epoch time in seconds (10 digits) or millis (13). */
    private static final Pattern TOKEN = Pattern.compile(
            "\\b(groups|tags) \\[((?:\\d+(?:, \\d+)*)?)\\]|(?<![\\w.:/-])(\\d{13}|\\d{10})(?![\\w.])");
    /** Epoch seconds from 2001-09-09 to 2286: Stripe's {@code created} of any event memberflow accepts. */
    private static final long EARLIEST_SECONDS = 1_000_000_000L;

    private TimelineText() {
    }

    static String html(String text, PlanNames names, Instant now) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (m.find()) {
            b.append(esc(text.substring(at, m.start())));
            if (m.group(1) != null) {
                b.append(esc(m.group(1))).append(' ').append(ids(m.group(1), m.group(2), names));
            } else {
                b.append(time(m.group(3), now));
            }
            at = m.end();
        }
        return b.append(esc(text.substring(at))).toString();
    }

    private static String ids(String kind, String list, PlanNames names) {
        if (list.isEmpty()) {
            return "none";
        }
        return Arrays.stream(list.split(", ")).map(Long::parseLong)
                .map(id -> "<span class=\"item\">" + esc(kind.equals("groups") ? names.group(id) : names.tag(id)) + "</span>")
                .collect(Collectors.joining(", "));
    }

    private static String time(String digits, Instant now) {
        long value = Long.parseLong(digits);
        Instant at = digits.length() == 13 ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        if (at.getEpochSecond() < EARLIEST_SECONDS) {
            return esc(digits);
        }
        return TimeWords.html(at, now);
    }
}
