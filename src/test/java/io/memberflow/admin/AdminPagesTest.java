package io.memberflow.admin;

import io.memberflow.persistence.ConsoleRows;
import io.memberflow.persistence.CustomerView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AdminPagesTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void givenACustomerIdWithSlashesAndDots_thenLinksKeepItOnePathSegment() {
        CustomerView v = new CustomerView("cus_A/../cus_B", "a@example.com", "ACTIVE", "pro", true, Set.of(), Set.of(),
                "NONE", null, null, null, false, null, NOW, null);
        String html = MemberListPage.render(new ConsoleRows.MemberPage(List.of(v), 1, 50, 0), null, "cus", NOW, "tok");
        assertThat(html).contains("href=\"/admin/ui/customers/cus_A%2F..%2Fcus_B\"").doesNotContain("href=\"/admin/ui/customers/cus_A/");
    }

    @Test
    void givenASession_thenThePageHasASignOutFormCarryingTheCsrfToken() {
        String html = Html.page("x", "", "tok\"en");
        assertThat(html).contains("action=\"/admin/logout\"").contains("name=\"csrf\" value=\"tok&quot;en\"");
        assertThat(AdminPages.login(null)).doesNotContain("/admin/logout");
    }

    @Test
    void givenAnEmailWithMarkup_thenTheMemberListEscapesIt() {
        CustomerView v = new CustomerView("cus_x", "<script>@example.com", "ACTIVE", "<b>", true, Set.of(), Set.of(),
                "NONE", null, null, null, false, null, NOW, null);
        String html = MemberListPage.render(new ConsoleRows.MemberPage(List.of(v), 1, 50, 0), null, "\"><i>", NOW, null);
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("\"><i>")
                .contains("&lt;script&gt;@example.com");
    }

    @Test
    void givenTimesAroundNow_thenTheyReadAsAgoOrInWithTheExactUtcTimeInTheTitle() {
        assertThat(TimeWords.relative(NOW.minusSeconds(180), NOW)).isEqualTo("3 min ago");
        assertThat(TimeWords.relative(NOW.plus(Duration.ofHours(52)), NOW)).isEqualTo("in 2 days 4 h");
        assertThat(TimeWords.relative(NOW.minusSeconds(2), NOW)).isEqualTo("just now");
        assertThat(TimeWords.duration(Duration.ofMinutes(75))).isEqualTo("1 h 15 min");
        assertThat(TimeWords.html(NOW.minusSeconds(180), NOW)).contains("title=\"2025-03-01 11:57:00 UTC\"").contains(">3 min ago<");
        assertThat(TimeWords.html(null, NOW)).contains("never");
    }

    @Test
    void givenAPagedList_thenNextAndPreviousKeepTheStateAndSearch() {
        String html = MemberListPage.render(new ConsoleRows.MemberPage(List.of(), 120, 50, 50), "PAST_DUE", "ex", NOW, null);
        assertThat(html).contains("/admin/ui/members?offset=0&amp;state=PAST_DUE&amp;q=ex")
                .contains("/admin/ui/members?offset=100&amp;state=PAST_DUE&amp;q=ex");
    }
}
