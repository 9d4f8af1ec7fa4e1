package io.memberflow.admin;

import io.memberflow.domain.MemberStatus;
import io.memberflow.domain.Plan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTextTest {
    private final PlanNames names = new PlanNames(List.of(new Plan("pro", Set.of("price_pro"), Set.of(101L, 103L), Set.of(9001L))),
            Map.of(MemberStatus.CANCELED, 9101L));
    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    private String html(String text) {
        return TimelineText.html(text, names, now);
    }

    private static String visible(String html) {
        return html.replaceAll("<[^>]+>", "");
    }

    @Test
    void givenIdListsOfGroupsAndTags_thenTheyShowByNameWithTheIdBeside() {
        assertThat(visible(html("kit add tags [9001] done"))).isEqualTo("kit add tags pro (9001) done");
        assertThat(visible(html("circle revoke access groups [101, 103] done")))
                .isEqualTo("circle revoke access groups pro (101), pro (103) done");
        assertThat(visible(html("kit remove tags [9101, 4242] done")))
                .isEqualTo("kit remove tags canceled tag (9101), tag 4242 (in no plan) done");
        assertThat(visible(html("old address: circle revoke access groups [], kit remove tags [9001] done")))
                .isEqualTo("old address: circle revoke access groups none, kit remove tags pro (9001) done");
    }

    @Test
    void givenEpochMillisOrSeconds_thenTheyShowAsTimesWithTheExactUtcInATooltip() {
        String millis = html("invoice.payment_failed -> PAST_DUE (invoice in_1 paid; past due until 1796378400000)");
        assertThat(millis).contains("<time datetime=\"2026-12-04T10:00:00Z\" title=\"2026-12-04 10:00:00 UTC\">in 3 days</time>");
        assertThat(visible(millis)).doesNotContainPattern("\\d{10}");

        String seconds = html("stale: invoice.paid evt_1700000000 created 1796025600 is older than the billing state (1796029200)");
        assertThat(visible(seconds)).isEqualTo("stale: invoice.paid evt_1700000000 created 1 day 2 h ago is older than the billing state (1 day 1 h ago)");
    }

    @Test
    void givenMarkupInTheText_thenItIsEscaped() {
        assertThat(html("<script>alert(1)</script> tags [9001]")).startsWith("&lt;script&gt;").doesNotContain("<script>");
    }
}
