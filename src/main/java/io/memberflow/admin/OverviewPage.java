package io.memberflow.admin;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static io.memberflow.admin.Html.esc;

/** Renders the console's overview page ({@code /admin/ui}) from an {@link Overview}. */
final class OverviewPage {
    private OverviewPage() {
    }

    static String render(Overview o, String csrf) {
        Instant now = o.at();
        StringBuilder b = new StringBuilder();
        for (Overview.Banner banner : o.banners()) {
            b.append("<p class=\"banner\" id=\"banner-").append(esc(banner.key())).append("\">").append(esc(banner.text())).append("</p>");
        }
        b.append("<h1>Overview</h1>").append(MemberListPage.searchForm(null, null));
        b.append("<div class=\"cols\"><section><h2>Members by state</h2>").append(states(o)).append("</section>");
        b.append("<section><h2>Intake</h2>").append(intake(o.intake(), now)).append("</section></div>");
        b.append(parked(o.intake(), now));
        b.append("<h2>Vendors</h2>").append(vendors(o, now));
        b.append(QuotaSection.render(o.circleQuota(), now));
        b.append(DriftSection.render(o.drift(), now));
        b.append("<h2>Needs attention</h2>").append(attention(o, now));
        b.append("<h2>Open support tasks <span class=\"muted\">(oldest first)</span></h2>").append(tasks(o, now));
        return Html.page("Overview", b.toString(), csrf);
    }

    private static String states(Overview o) {
        StringBuilder b = new StringBuilder("<table id=\"states\"><tr><th>State</th><th>Members</th></tr>");
        for (Map.Entry<String, Long> e : o.membersByState().entrySet()) {
            b.append("<tr><td><a href=\"/admin/ui/members?state=").append(esc(Html.segment(e.getKey()))).append("\">")
                    .append("<span class=\"badge ").append(esc(e.getKey())).append("\">").append(esc(e.getKey()))
                    .append("</span></a></td><td class=\"num\" id=\"count-").append(esc(e.getKey())).append("\">")
                    .append(e.getValue()).append("</td></tr>");
        }
        b.append("<tr><th>All</th><th class=\"num\" id=\"count-all\">").append(o.members()).append("</th></tr></table>");
        return b.append(Svg.bars(o.membersByState(), "states-chart")).toString();
    }

    private static String intake(Overview.Intake in, Instant now) {
        StringBuilder b = new StringBuilder("<table id=\"intake\">")
                .append(row("Last webhook received", TimeWords.html(in.lastReceivedAt(), now)))
                .append(row("Last event dispatched", TimeWords.html(in.lastDispatchedAt(), now)))
                .append(row("Events in the last hour", "<span id=\"events-last-hour\">" + in.eventsLastHour() + "</span> "
                        + Svg.sparkline(in.eventsPerMinute(), "events-sparkline", "Events received per minute, last 60 minutes")))
                .append(row("Relay backlog", "<span id=\"relay-backlog\">" + in.relayBacklog() + "</span> not yet dispatched"
                        + (in.oldestBacklogAt() == null ? "" : ", oldest received " + TimeWords.html(in.oldestBacklogAt(), now))))
                .append(row("Parked (no customer)", "<span id=\"parked-count\">" + in.parkedCount() + "</span>"))
                .append(row("Webhook answers not 2xx", "<span id=\"not-2xx\">" + share(in) + "</span> <span class=\"muted\">("
                        + esc(in.answersSource()) + ", " + TimeWords.html(in.answersSince(), now) + ")</span>"))
                .append("</table>");
        return b.toString();
    }

    private static String parked(Overview.Intake in, Instant now) {
        StringBuilder b = new StringBuilder();
        if (!in.parked().isEmpty()) {
            b.append("<h2>Parked events <span class=\"muted\">(no Stripe customer found)</span></h2>")
                    .append("<table id=\"parked\"><tr><th>Event</th><th>Type</th><th>Received</th><th>What to do</th></tr>");
            for (Overview.Parked p : in.parked()) {
                b.append("<tr><td><code>").append(esc(p.eventId())).append("</code></td><td>").append(esc(p.eventType()))
                        .append("</td><td>").append(TimeWords.html(p.receivedAt(), now)).append("</td><td>")
                        .append(esc(p.whatToDo())).append("</td></tr>");
            }
            b.append("</table>");
        }
        return b.toString();
    }

    static String share(Overview.Intake in) {
        if (in.answersNot2xxShare() == null) {
            return "no answers yet";
        }
        return String.format(Locale.ROOT, "%.1f %%", in.answersNot2xxShare() * 100) + " (" + in.answersNot2xx() + " of "
                + in.answers() + ")";
    }

    private static String vendors(Overview o, Instant now) {
        StringBuilder b = new StringBuilder("<table id=\"vendors\"><tr><th>Vendor</th><th>Last success</th>"
                + "<th>Last failure</th><th>Calls / failures, last hour</th><th>Shadow mode</th><th>Source</th></tr>");
        for (Overview.Vendor v : o.vendors()) {
            String id = v.name().toLowerCase(Locale.ROOT).replace(' ', '-');
            b.append("<tr id=\"vendor-").append(esc(id)).append("\"><td>").append(esc(v.name()))
                    .append(v.configured() ? "" : " <span class=\"muted\">(not configured)</span>").append("</td><td>")
                    .append(TimeWords.html(v.lastSuccessAt(), now)).append("</td><td>");
            if (v.lastFailureAt() == null) {
                b.append("<span class=\"muted\">none</span>");
            } else {
                b.append(TimeWords.html(v.lastFailureAt(), now)).append(": <span class=\"attention\">")
                        .append(esc(v.lastFailure())).append("</span>");
            }
            b.append("</td><td class=\"num\">").append(v.callsLastHour()).append(" / ")
                    .append(v.failuresLastHour() > 0 ? "<span class=\"attention\">" + v.failuresLastHour() + "</span>" : "0")
                    .append("</td><td>").append(v.shadowMode() ? "<strong>yes</strong>" : "no").append("</td><td class=\"muted\">")
                    .append(esc(v.source())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String attention(Overview o, Instant now) {
        if (o.attention().isEmpty()) {
            return "<p id=\"attention-none\">Nobody.</p>";
        }
        StringBuilder b = new StringBuilder("<table id=\"attention\"><tr><th>Customer</th><th>State</th><th>Why</th><th>Since</th></tr>");
        for (Overview.Attention a : o.attention()) {
            b.append("<tr><td>").append(MemberListPage.customerLink(a.customerId(), a.email())).append("</td><td>")
                    .append(MemberListPage.badge(a.state())).append("</td><td>").append(esc(a.reason())).append("</td><td>")
                    .append(TimeWords.html(a.since(), now)).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String tasks(Overview o, Instant now) {
        if (o.openTasks().isEmpty()) {
            return "<p>None.</p>";
        }
        StringBuilder b = new StringBuilder("<table id=\"open-tasks\"><tr><th>#</th><th>Customer</th><th>Kind</th>"
                + "<th>Open for</th><th>Summary</th></tr>");
        for (AdminService.TaskView t : o.openTasks()) {
            b.append("<tr><td>").append(t.id()).append("</td><td>").append(MemberListPage.customerLink(t.customerId(), null))
                    .append("</td><td>").append(esc(t.kind())).append("</td><td><span title=\"").append(esc(TimeWords.utc(t.createdAt())))
                    .append("\">").append(esc(TimeWords.duration(java.time.Duration.between(t.createdAt(), now))))
                    .append("</span></td><td>").append(esc(t.summary())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String row(String label, String html) {
        return "<tr><th>" + esc(label) + "</th><td>" + html + "</td></tr>";
    }
}
