package io.memberflow.admin;

import io.memberflow.persistence.CustomerView;

import java.util.List;

import static io.memberflow.admin.Html.esc;

/** Renders the admin HTML pages (server-side, no JavaScript). */
final class AdminPages {
    private AdminPages() {
    }

    static String login(String message) {
        return Html.page("Sign in", """
                <h1>Sign in</h1>%s
                <form method="post" action="/admin/login">
                <label>Admin token <input type="password" name="token" id="token" autofocus></label>
                <button type="submit" id="sign-in">Sign in</button></form>""".formatted(
                message == null ? "" : "<p class=\"attention\">" + esc(message) + "</p>"));
    }

    static String home(String query, List<CustomerView> results, List<CustomerView> attention,
                       List<AdminService.TaskView> openTasks, String csrf) {
        StringBuilder b = new StringBuilder("<h1>Customers</h1>")
                .append("<form method=\"get\" action=\"/admin/ui\"><input name=\"q\" id=\"q\" placeholder=\"e-mail or cus_…\" value=\"")
                .append(esc(query)).append("\"> <button type=\"submit\" id=\"search\">Find</button></form>");
        if (query != null && !query.isBlank()) {
            b.append("<h2>Results</h2>").append(results.isEmpty() ? "<p id=\"no-results\">No customer found.</p>" : customers(results));
        }
        b.append("<h2>Needs attention</h2>").append(attention.isEmpty() ? "<p>Nobody.</p>" : customers(attention));
        b.append("<h2>Open support tasks</h2>").append(tasks(openTasks, true, csrf));
        return Html.page("Customers", b.toString(), csrf);
    }

    static String customer(AdminService.CustomerDetails c, String flash, String csrf) {
        StringBuilder b = new StringBuilder();
        if (flash != null) {
            b.append("<p class=\"flash\" id=\"flash\">").append(esc(flash)).append("</p>");
        }
        b.append("<h1>").append(esc(c.customerId())).append("</h1><table id=\"summary\">")
                .append(row("E-mail", esc(c.email())))
                .append(row("State", "<span class=\"badge " + esc(c.state()) + "\" id=\"state\">" + esc(c.state()) + "</span>"))
                .append(row("Plan", esc(c.plan())))
                .append(row("Access", "<span id=\"access\">" + (c.accessGranted() ? "granted" : "none") + "</span>"))
                .append(row("Circle access groups", esc(c.circleAccessGroupIds())))
                .append(row("Kit tags", esc(c.kitTagIds())))
                .append(row("Override", esc(c.override())))
                .append(row("Last event", esc(c.lastEventType()) + " " + esc(c.lastEventId()) + " " + esc(c.lastEventAt())))
                .append(row("Needs attention", c.needsAttention() ? "<span class=\"attention\" id=\"attention\">"
                        + (c.attention() == null ? "yes" : esc(c.attention())) + "</span>" : "no"))
                .append(row("Last failure", esc(c.lastFailure())))
                .append("</table><h2>Actions</h2>");
        for (String action : List.of("retrySync", "grantAccess", "revokeAccess", "clearOverride", "block", "unblock")) {
            b.append("<form class=\"inline\" method=\"post\" action=\"/admin/ui/customers/").append(esc(Html.segment(c.customerId())))
                    .append("/actions\">").append(Html.csrfField(csrf))
                    .append("<input type=\"hidden\" name=\"action\" value=\"").append(action).append("\">")
                    .append("<input name=\"actor\" placeholder=\"your name\" required>")
                    .append("<input name=\"reason\" placeholder=\"reason\" required>")
                    .append("<button type=\"submit\" id=\"do-").append(action).append("\">").append(action).append("</button></form>");
        }
        b.append("<h2>Support tasks</h2>").append(tasks(c.supportTasks(), false, csrf));
        b.append("<h2>Timeline</h2><table id=\"timeline\"><tr><th>When</th><th>What</th><th>Who</th><th>Event</th><th>Detail</th></tr>");
        for (AdminService.TimelineView t : c.timeline()) {
            b.append("<tr><td>").append(esc(t.at())).append("</td><td>").append(esc(t.kind())).append("</td><td>")
                    .append(esc(t.actor())).append("</td><td>").append(esc(t.eventId())).append("</td><td>")
                    .append(esc(t.detail())).append("</td></tr>");
        }
        return Html.page(c.customerId(), b.append("</table>").toString(), csrf);
    }

    private static String customers(List<CustomerView> list) {
        StringBuilder b = new StringBuilder("<table class=\"customers\"><tr><th>Customer</th><th>E-mail</th><th>State</th><th>Plan</th><th>Access</th></tr>");
        for (CustomerView v : list) {
            b.append("<tr><td><a href=\"/admin/ui/customers/").append(esc(Html.segment(v.customerId()))).append("\">")
                    .append(esc(v.customerId())).append("</a></td><td>").append(esc(v.email())).append("</td><td>")
                    .append("<span class=\"badge ").append(esc(v.state())).append("\">").append(esc(v.state()))
                    .append("</span></td><td>").append(esc(v.plan())).append("</td><td>")
                    .append(v.accessGranted() ? "granted" : "none").append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String tasks(List<AdminService.TaskView> list, boolean withCustomer, String csrf) {
        if (list.isEmpty()) {
            return "<p>None.</p>";
        }
        StringBuilder b = new StringBuilder("<table class=\"tasks\"><tr><th>#</th>" + (withCustomer ? "<th>Customer</th>" : "")
                + "<th>Kind</th><th>Status</th><th>Opened</th><th>Summary</th><th></th></tr>");
        for (AdminService.TaskView t : list) {
            b.append("<tr><td>").append(t.id()).append("</td>");
            if (withCustomer) {
                b.append("<td><a href=\"/admin/ui/customers/").append(esc(Html.segment(t.customerId()))).append("\">")
                        .append(esc(t.customerId())).append("</a></td>");
            }
            b.append("<td>").append(esc(t.kind())).append("</td><td>").append(esc(t.status())).append("</td><td>")
                    .append(esc(t.createdAt())).append("</td><td>").append(esc(t.summary())).append("</td><td>");
            if ("open".equals(t.status())) {
                b.append("<form class=\"inline\" method=\"post\" action=\"/admin/ui/support-tasks/").append(t.id())
                        .append("/resolve\">").append(Html.csrfField(csrf)).append("<input type=\"hidden\" name=\"back\" value=\"").append(esc(t.customerId()))
                        .append("\"><input name=\"actor\" placeholder=\"your name\" required>")
                        .append("<input name=\"reason\" placeholder=\"how it was resolved\" required>")
                        .append("<button type=\"submit\" id=\"resolve-").append(t.id()).append("\">resolve</button></form>");
            }
            b.append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String row(String label, String html) {
        return "<tr><th>" + esc(label) + "</th><td>" + html + "</td></tr>";
    }
}
