package io.memberflow.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %escaped(...)} in a logback pattern: control characters in the wrapped text (a newline in an event id,
 * say) are written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, so one event is always one line
 * and nothing sent to memberflow can forge a log line.
 */
public class ControlCharEscaper extends CompositeConverter<ILoggingEvent> {

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return escape(in);
    }

    static String escape(String in) {
        if (in == null || in.chars().noneMatch(ControlCharEscaper::isControl)) {
            return in;
        }
        StringBuilder out = new StringBuilder(in.length() + 16);
        for (char c : in.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }
}
