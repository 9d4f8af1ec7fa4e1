package io.memberflow.admin;

import java.time.Instant;
import java.util.Locale;

import static io.memberflow.admin.Html.esc;

/** The overview's "Circle quota" section: this month's Circle requests against the plan's quota, and the pace. */
final class QuotaSection {
    private QuotaSection() {
    }

    static String render(Overview.CircleQuota q, Instant now) {
        StringBuilder b = new StringBuilder("<h2>Circle quota <span class=\"muted\">(").append(esc(q.month()))
                .append(", counted as Circle counts: every answer but a 5xx)</span></h2>");
        if (!q.configured()) {
            return b.append("<p id=\"circle-quota\" class=\"muted\">Circle runs in shadow mode: no request is made, none"
                    + " is counted.</p>").toString();
        }
        b.append("<table id=\"circle-quota\">");
        b.append(row("Used", "<span id=\"quota-used\">" + number(q.used()) + " of " + number(q.quota()) + "</span> "
                + Svg.progress((int) Math.min(Integer.MAX_VALUE, q.used()), q.quota(), "quota-bar")
                + " <span class=\"muted\">(" + percent(q.used(), q.quota()) + ")</span>"));
        b.append(row("By", "<span id=\"quota-live\">" + number(q.live()) + "</span> for live grants and revokes, <span"
                + " id=\"quota-background\">" + number(q.background()) + "</span> by reconciliation runs"));
        String pace = q.projected() == null ? "not known yet (the month has just begun)"
                : number(q.projected()) + " at this pace" + (q.projected() > q.quota()
                ? " &mdash; <span class=\"failure\">over the quota: Circle would refuse requests before the month ends</span>"
                : "");
        b.append(row("Projected at month end", "<span id=\"quota-projected\">" + pace + "</span>"));
        String left = q.backgroundLeft() == 0
                ? "<span class=\"failure\">spent: reconciliation pauses until the count starts again</span>"
                : number(q.backgroundLeft()) + " left";
        b.append(row("Background share", "<span id=\"quota-background-left\">" + left + "</span> of "
                + number(q.backgroundBudget()) + "; the rest of the quota is kept for live grants and revokes, which are"
                + " never refused"));
        b.append(row("Count starts again", TimeWords.html(q.resetsAt(), now)));
        return b.append("</table>").toString();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String percent(long used, int quota) {
        return String.format(Locale.ROOT, "%.0f%%", quota <= 0 ? 0.0 : 100.0 * used / quota);
    }

    private static String row(String label, String html) {
        return "<tr><th>" + esc(label) + "</th><td>" + html + "</td></tr>";
    }
}
