package io.memberflow.admin;

import io.memberflow.domain.MemberState;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static io.memberflow.admin.Html.esc;

/** Renders a customer's page: summary, required vs applied at Circle and Kit, links out, one action form, timeline. */
final class CustomerPage {
    private CustomerPage() {
    }

    /** Where the page links out: the Temporal UI (null when not configured) and its namespace. */
    record Links(String temporalUi, String namespace) {
    }

    static String render(AdminService.CustomerDetails c, Optional<LiveState.Live> live, PlanNames names, Links links,
                         String flash, String csrf, Instant now) {
        StringBuilder b = new StringBuilder();
        if (flash != null) {
            b.append("<p class=\"flash\" id=\"flash\">").append(esc(flash)).append("</p>");
        }
        b.append("<h1>").append(esc(c.email() == null ? c.customerId() : c.email()))
                .append(" <span class=\"muted\">").append(esc(c.customerId())).append("</span></h1>")
                .append("<p class=\"links\"><a id=\"stripe-link\" href=\"https://dashboard.stripe.com/customers/")
                .append(esc(Html.segment(c.customerId()))).append("\">Stripe Dashboard</a>");
        if (links.temporalUi() != null && !links.temporalUi().isBlank()) {
            b.append(" · <a id=\"temporal-link\" href=\"").append(esc(links.temporalUi().replaceAll("/+$", "")))
                    .append("/namespaces/").append(esc(Html.segment(links.namespace()))).append("/workflows/")
                    .append(esc(Html.segment("customer-" + c.customerId()))).append("\">Workflow in the Temporal UI</a>");
        }
        b.append("</p>").append(summary(c, live, names, now)).append(entitlements(c, live, names));
        b.append("<h2>Act</h2>").append(actionForm(c.customerId(), csrf));
        b.append("<h2>Support tasks</h2>").append(AdminPages.tasks(c.supportTasks(), false, csrf, now));
        b.append("<h2>Timeline</h2><table id=\"timeline\"><tr><th>When</th><th>What</th><th>Who</th><th>Event</th><th>Detail</th></tr>");
        for (AdminService.TimelineView t : c.timeline()) {
            b.append("<tr><td>").append(TimeWords.html(t.at(), now)).append("</td><td>").append(esc(t.kind())).append("</td><td>")
                    .append(esc(t.actor())).append("</td><td>").append(esc(t.eventId())).append("</td><td>")
                    .append(TimelineText.html(t.detail(), names, now)).append("</td></tr>");
        }
        return Html.page(c.email() == null ? c.customerId() : c.email(), b.append("</table>").toString(), csrf);
    }

    private static String summary(AdminService.CustomerDetails c, Optional<LiveState.Live> live, PlanNames names, Instant now) {
        StringBuilder b = new StringBuilder("<table id=\"summary\">")
                .append(row("State", MemberListPage.badge(c.state()).replace("<span ", "<span id=\"state\" ")))
                .append(row("Plan", "<span id=\"plan\">" + esc(names.plan(c.plan())) + "</span>"))
                .append(row("Access", "<span id=\"access\">" + (c.accessGranted() ? "granted" : "none") + "</span>"
                        + " <span class=\"muted\">(as Circle has it)</span>"))
                .append(row("Override", esc(c.override())));
        live.map(LiveState.Live::member).ifPresent(m -> b.append(deadlines(m, now)));
        b.append(row("Last event", esc(c.lastEventType()) + " <code>" + esc(c.lastEventId()) + "</code> "
                        + TimeWords.html(c.lastEventAt(), now, "")))
                .append(row("Needs attention", c.needsAttention() ? "<span class=\"attention\" id=\"attention\">"
                        + (c.attention() == null ? "yes" : esc(c.attention())) + "</span>" : "no"))
                .append(row("Last failure", esc(c.lastFailure())));
        return b.append("</table>").toString();
    }

    private static String deadlines(MemberState m, Instant now) {
        StringBuilder b = new StringBuilder();
        if (m.graceDeadline() != null) {
            Instant at = Instant.ofEpochMilli(m.graceDeadline());
            b.append(row("Grace period", "<span id=\"grace\" title=\"" + esc(TimeWords.utc(at)) + "\">"
                    + (at.isAfter(now) ? "grace ends in " + TimeWords.duration(Duration.between(now, at))
                    : "grace ended " + TimeWords.duration(Duration.between(at, now)) + " ago") + "</span>"));
        }
        if (m.accessUntil() != null) {
            Instant at = Instant.ofEpochMilli(m.accessUntil());
            b.append(row("Paid until", "<span id=\"paid-until\" title=\"" + esc(TimeWords.utc(at)) + "\">"
                    + (at.isAfter(now) ? "ends in " + TimeWords.duration(Duration.between(now, at)) : "ended") + "</span>"));
        }
        return b.toString();
    }

    private static String entitlements(AdminService.CustomerDetails c, Optional<LiveState.Live> live, PlanNames names) {
        Set<Long> groups = Set.copyOf(c.circleAccessGroupIds());
        Set<Long> tags = Set.copyOf(c.kitTagIds());
        StringBuilder b = new StringBuilder("<h2>Billing requires vs Circle and Kit have</h2>");
        if (live.isEmpty()) {
            b.append("<p class=\"muted\" id=\"no-live-state\">The customer's workflow did not answer within ")
                    .append(LiveState.TIMEOUT.toSeconds()).append(" s (Temporal unreachable or busy, or no running workflow):"
                            + " what billing requires is not shown; what Circle and Kit have comes from the admin projection.</p>");
        }
        b.append("<table id=\"entitlements\"><tr><th></th><th>Billing requires</th><th>Applied</th></tr>");
        b.append("<tr><th>Circle groups</th>").append(cells(live.map(l -> l.required().accessGroupIds()), groups, names::group))
                .append("</tr><tr><th>Kit tags</th>").append(cells(live.map(l -> l.required().tagIds()), tags, names::tag))
                .append("</tr></table>");
        return b.toString();
    }

    private static String cells(Optional<Set<Long>> required, Set<Long> applied, java.util.function.LongFunction<String> name) {
        StringBuilder req = new StringBuilder("<td class=\"required\">");
        StringBuilder app = new StringBuilder("<td class=\"applied\">");
        if (required.isEmpty()) {
            req.append("<span class=\"muted\">unknown</span>");
        } else {
            required.get().stream().sorted().forEach(id -> req.append(item(name.apply(id), applied.contains(id) ? "" : "missing")));
            if (required.get().isEmpty()) {
                req.append("<span class=\"muted\">none</span>");
            }
        }
        applied.stream().sorted().forEach(id -> app.append(item(name.apply(id),
                required.isPresent() && !required.get().contains(id) ? "extra" : "")));
        if (applied.isEmpty()) {
            app.append("<span class=\"muted\">none</span>");
        }
        return req.append("</td>").toString() + app.append("</td>");
    }

    private static String item(String label, String diff) {
        String note = diff.equals("missing") ? " — not applied yet" : diff.equals("extra") ? " — not required" : "";
        return "<span class=\"item " + diff + "\">" + esc(label + note) + "</span> ";
    }

    private static String actionForm(String customerId, String csrf) {
        StringBuilder b = new StringBuilder("<form method=\"post\" id=\"action-form\" action=\"/admin/ui/customers/")
                .append(esc(Html.segment(customerId))).append("/actions/confirm\">").append(Html.csrfField(csrf))
                .append("<label>Action <select name=\"action\" id=\"action\">");
        for (String action : ActionPlan.ACTIONS) {
            b.append("<option value=\"").append(action).append("\">").append(esc(ActionPlan.label(action))).append("</option>");
        }
        return b.append("</select></label> <label>Your name <input name=\"actor\" id=\"actor\" required></label> ")
                .append("<label>Reason <input name=\"reason\" id=\"reason\" size=\"40\" required></label> ")
                .append("<button type=\"submit\" id=\"review\">Review…</button></form>").toString();
    }

    /** The confirmation step: what will happen, and a button that sends it. */
    static String confirm(String customerId, String action, String actor, String reason, String description, String csrf) {
        String body = "<h1>Confirm</h1><p id=\"what-will-happen\" class=\"confirm\">" + esc(description) + "</p>"
                + "<p>By <strong>" + esc(actor) + "</strong>, because: " + esc(reason) + "</p>"
                + "<form method=\"post\" action=\"/admin/ui/customers/" + esc(Html.segment(customerId)) + "/actions\">"
                + Html.csrfField(csrf) + hidden("action", action) + hidden("actor", actor) + hidden("reason", reason)
                + "<button type=\"submit\" id=\"confirm\">Yes, do it</button> <a id=\"cancel\" href=\"/admin/ui/customers/"
                + esc(Html.segment(customerId)) + "\">Cancel</a></form>";
        return Html.page("Confirm " + action, body, csrf);
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
    }

    private static String row(String label, String html) {
        return "<tr><th>" + esc(label) + "</th><td>" + html + "</td></tr>";
    }
}
