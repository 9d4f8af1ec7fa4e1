package io.memberflow.admin;

import io.memberflow.persistence.ConsoleRows.MemberPage;
import io.memberflow.persistence.CustomerView;

import java.time.Instant;

import static io.memberflow.admin.Html.esc;

/** Renders a paged list of members: by state, by search (part of an e-mail, a customer id), or both. */
final class MemberListPage {
    static final int PAGE_SIZE = 50;

    private MemberListPage() {
    }

    static String searchForm(String query, String state) {
        return "<form method=\"get\" action=\"/admin/ui/members\" class=\"search\"><input name=\"q\" id=\"q\" "
                + "placeholder=\"part of an e-mail, or cus_…\" value=\"" + esc(query) + "\">"
                + (state == null ? "" : "<input type=\"hidden\" name=\"state\" value=\"" + esc(state) + "\">")
                + " <button type=\"submit\" id=\"search\">Find</button></form>";
    }

    static String render(MemberPage page, String state, String query, Instant now, String csrf) {
        String title = (state == null ? "Members" : "Members " + state)
                + (query == null || query.isBlank() ? "" : " matching “" + query + "”");
        StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1>").append(searchForm(query, state));
        long from = page.total() == 0 ? 0 : page.offset() + 1;
        long to = page.offset() + page.members().size();
        b.append("<p id=\"showing\">").append(from).append("–").append(to).append(" of ").append(page.total()).append("</p>");
        if (page.members().isEmpty()) {
            b.append("<p id=\"no-results\">No customer found.</p>");
        } else {
            b.append("<table id=\"members\" class=\"customers\"><tr><th>Customer</th><th>State</th><th>Plan</th>"
                    + "<th>Access</th><th>Last event</th><th>Attention</th></tr>");
            for (CustomerView v : page.members()) {
                b.append("<tr><td>").append(customerLink(v.customerId(), v.email())).append("</td><td>").append(badge(v.state()))
                        .append("</td><td>").append(esc(v.plan())).append("</td><td>").append(v.accessGranted() ? "granted" : "none")
                        .append("</td><td>").append(esc(v.lastEventType())).append(' ')
                        .append(TimeWords.html(v.lastEventAt(), now, "")).append("</td><td>")
                        .append(v.needsAttention() ? "<span class=\"attention\">yes</span>" : "").append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<p class=\"pager\">");
        if (page.offset() > 0) {
            b.append("<a id=\"previous\" href=\"").append(esc(link(state, query, Math.max(0, page.offset() - page.limit()))))
                    .append("\">← previous</a> ");
        }
        if (to < page.total()) {
            b.append("<a id=\"next\" href=\"").append(esc(link(state, query, page.offset() + page.limit()))).append("\">next →</a>");
        }
        return Html.page(title, b.append("</p>").toString(), csrf);
    }

    static String link(String state, String query, long offset) {
        StringBuilder s = new StringBuilder("/admin/ui/members?offset=").append(offset);
        if (state != null) {
            s.append("&state=").append(Html.segment(state));
        }
        if (query != null && !query.isBlank()) {
            s.append("&q=").append(Html.segment(query));
        }
        return s.toString();
    }

    /** The e-mail (when known) linking to the customer's page, the customer id beside it. */
    static String customerLink(String customerId, String email) {
        String href = "/admin/ui/customers/" + Html.segment(customerId);
        if (email == null || email.isBlank()) {
            return "<a href=\"" + esc(href) + "\">" + esc(customerId) + "</a>";
        }
        return "<a href=\"" + esc(href) + "\">" + esc(email) + "</a> <span class=\"muted\">" + esc(customerId) + "</span>";
    }

    static String badge(String state) {
        return "<span class=\"badge " + esc(state) + "\">" + esc(state) + "</span>";
    }
}
