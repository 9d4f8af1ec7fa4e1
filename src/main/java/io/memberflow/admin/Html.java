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

    static String page(String title, String body) {
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
                </style></head><body>
                <nav><a href="/admin/ui">memberflow admin</a></nav>
                %s
                </body></html>""".formatted(esc(title), body);
    }
}
