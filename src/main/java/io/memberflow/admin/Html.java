package io.memberflow.admin;

/** Tiny HTML helpers: every value that reaches a page goes through {@link #esc}. */
final class Html {
    private Html() {
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A value as one URL path segment: percent-encoded, so {@code cus_A/../cus_B} stays one segment. */
    static String segment(Object value) {
        return java.net.URLEncoder.encode(String.valueOf(value), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The hidden CSRF field every state-changing form carries (nothing without a session). */
    static String csrfField(String csrf) {
        return csrf == null ? "" : "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrf) + "\">";
    }

    static String page(String title, String body) {
        return page(title, body, null);
    }

    /** A page; with a CSRF token (a signed-in session) the navigation carries a sign-out button. */
    static String page(String title, String body, String csrf) {
        String logout = csrf == null ? "" : " <form class=\"inline\" method=\"post\" action=\"/admin/logout\">"
                + csrfField(csrf) + "<button type=\"submit\" id=\"sign-out\">Sign out</button></form>";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · memberflow</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
                table{border-collapse:collapse;width:100%%;margin:.5rem 0 1.5rem}
                th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
                .badge{display:inline-block;padding:.1rem .5rem;border-radius:.6rem;background:#eee;font-weight:600}
                .ACTIVE,.TRIALING{background:#d7f5dc}.PAST_DUE{background:#fff1c2}
                .BLOCKED,.REFUNDED,.SUSPENDED,.CANCELED{background:#fbd5d5}
                .attention{color:#a40000;font-weight:600} form.inline{display:inline-block;margin:.2rem}
                input,select,button{font-size:.95rem;padding:.25rem .4rem} .flash{background:#e8f0fe;padding:.5rem}
                .muted{color:#777;font-weight:normal} .num{text-align:right;font-variant-numeric:tabular-nums}
                .banner{background:#fff4e5;border-left:4px solid #f59e0b;padding:.5rem .75rem;margin:.4rem 0}
                .cols{display:flex;gap:2rem;flex-wrap:wrap} .cols section{flex:1;min-width:22rem}
                rect.bar{fill:#94a3b8} rect.ACTIVE,rect.TRIALING{fill:#22c55e} rect.PAST_DUE{fill:#eab308}
                rect.BLOCKED,rect.REFUNDED,rect.SUSPENDED,rect.CANCELED{fill:#ef4444}
                .item{display:inline-block;margin:.1rem .3rem .1rem 0;padding:.05rem .4rem;border-radius:.3rem;background:#f1f5f9}
                .item.missing,.item.extra{background:#fde68a;font-weight:600} .confirm{font-size:1.1rem;background:#fff4e5;padding:.75rem}
                nav{margin-bottom:1rem} nav a{margin-right:1rem} form.search{margin:.5rem 0}
                </style></head><body>
                <nav><a href="/admin/ui">Overview</a><a href="/admin/ui/members">Members</a>%s</nav>
                %s
                </body></html>""".formatted(esc(title), logout, body);
    }
}
