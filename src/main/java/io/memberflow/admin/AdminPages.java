package io.memberflow.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.memberflow.admin.Html.esc;

/** The sign-in page and the support-task table shared by the console's pages (server-side, no JavaScript). */
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

    static String tasks(List<AdminService.TaskView> list, boolean withCustomer, String csrf, Instant now) {
        if (list.isEmpty()) {
            return "<p>None.</p>";
        }
        StringBuilder b = new StringBuilder("<table class=\"tasks\"><tr><th>#</th>" + (withCustomer ? "<th>Customer</th>" : "")
                + "<th>Kind</th><th>Status</th><th>Opened</th><th>Summary</th><th></th></tr>");
        for (AdminService.TaskView t : list) {
            b.append("<tr><td>").append(t.id()).append("</td>");
            if (withCustomer) {
                b.append("<td>").append(MemberListPage.customerLink(t.customerId(), null)).append("</td>");
            }
            b.append("<td>").append(esc(t.kind())).append("</td><td>").append(esc(t.status())).append("</td><td>")
                    .append(TimeWords.html(t.createdAt(), now));
            if ("open".equals(t.status())) {
                b.append(" <span class=\"muted\">(open for ").append(esc(TimeWords.duration(Duration.between(t.createdAt(), now))))
                        .append(")</span>");
            }
            b.append("</td><td>").append(esc(t.summary())).append("</td><td>");
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
}
