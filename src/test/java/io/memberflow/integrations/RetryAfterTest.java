package io.memberflow.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void delay_seconds_are_read_as_seconds() {
        assertThat(RetryAfter.parse(" 7 ", clock)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void an_http_date_is_read_as_the_time_left_until_then() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:01:30 GMT", clock)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void an_http_date_in_the_past_means_no_wait() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void a_missing_or_unreadable_header_gives_no_delay() {
        assertThat(RetryAfter.parse(null, clock)).isNull();
        assertThat(RetryAfter.parse("", clock)).isNull();
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-5", clock)).isNull();
    }
}
