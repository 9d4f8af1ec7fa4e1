package io.memberflow.integrations;

import java.util.regex.Pattern;

/** Keeps personal data and secrets out of exception messages and logs. */
final class Redaction {

    static final String EMAIL_PLACEHOLDER = "<email>";
    static final String SECRET_PLACEHOLDER = "<secret>";

    /** Anything shaped like an address, also when its {@code @} arrives URL-encoded. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+\\-]+(?:@|%40)[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Redaction() {
    }

    /** Replaces every e-mail address in {@code text} by {@code <email>}; {@code null} stays {@code null}. */
    static String emails(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll(EMAIL_PLACEHOLDER);
    }

    /** Replaces every occurrence of {@code secret} in {@code text} by {@code <secret>}. */
    static String secret(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, SECRET_PLACEHOLDER);
    }

    /** Collapses runs of whitespace and cuts to {@code max} characters, marking the cut with "...". */
    static String truncate(String text, int max) {
        String flat = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
