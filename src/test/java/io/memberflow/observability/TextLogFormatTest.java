package io.memberflow.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The production logback.xml in TEXT format writes one line per event, whatever the message holds. */
class TextLogFormatTest {

    @SuppressWarnings("unchecked")
    private static String textLine(String message, Map<String, String> mdc) throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("MEMBERFLOW_LOG_FORMAT", "TEXT");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> text = (OutputStreamAppender<ILoggingEvent>) root.getAppender("TEXT");
        assertThat(text).as("the TEXT appender is in use").isNotNull();
        LoggingEvent event = new LoggingEvent("test", root, Level.WARN, message, null, null);
        event.setMDCPropertyMap(mdc);
        String line = ((LayoutWrappingEncoder<ILoggingEvent>) text.getEncoder()).getLayout().doLayout(event);
        context.stop();
        return line;
    }

    @Test
    void givenANewlineInAnEventId_thenTheTextLogStaysOneLine() throws Exception {
        String line = textLine("Rejected event evt_1\n12:00:00.000 INFO  [main] admin - access granted\r\u0000",
                Map.of("eventId", "evt_2\nforged"));
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.substring(0, line.length() - System.lineSeparator().length())).doesNotContain("\n").doesNotContain("\r")
                .doesNotContain("\u0000").contains("evt_1\\n12:00:00.000 INFO").contains("\\u0000").contains("evt_2\\nforged");
    }

    @Test
    void givenAnOrdinaryMessage_thenItIsWrittenUnchanged() throws Exception {
        assertThat(textLine("Embedded PostgreSQL started on 127.0.0.1:5432 — ok", Map.of()))
                .contains("Embedded PostgreSQL started on 127.0.0.1:5432 — ok");
    }
}
