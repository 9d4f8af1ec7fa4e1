package io.memberflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisputesTest {

    @Test
    void givenNoDisputes_thenNothingBlocks() {
        assertThat(Disputes.none().blocking()).isFalse();
        assertThat(new Disputes(null, null, null)).isEqualTo(Disputes.none());
    }

    @Test
    void givenTheSameReportTwice_thenTheSecondChangesNothing() {
        Disputes opened = Disputes.none().opened("dp_1");
        Disputes won = opened.won("dp_1");
        Disputes lost = opened.lost("dp_1");

        assertThat(opened.opened("dp_1")).isEqualTo(opened);
        assertThat(won.won("dp_1")).isEqualTo(won);
        assertThat(lost.lost("dp_1")).isEqualTo(lost);
    }

    @Test
    void givenAnyOrderOfOpeningAndWinning_thenTheDisputeEndsWon() {
        Disputes openedFirst = Disputes.none().opened("dp_1").won("dp_1");
        Disputes wonFirst = Disputes.none().won("dp_1").opened("dp_1");

        assertThat(openedFirst).isEqualTo(wonFirst);
        assertThat(wonFirst.blocking()).isFalse();
        assertThat(wonFirst.closed("dp_1")).isTrue();
    }

    @Test
    void givenAnyOrderOfOpeningWinningAndLosing_thenTheDisputeEndsLost() {
        List<List<String>> orders = List.of(
                List.of("open", "won", "lost"), List.of("open", "lost", "won"), List.of("won", "open", "lost"),
                List.of("won", "lost", "open"), List.of("lost", "open", "won"), List.of("lost", "won", "open"));
        for (List<String> order : orders) {
            Disputes d = Disputes.none();
            for (String report : order) {
                d = switch (report) {
                    case "open" -> d.opened("dp_1");
                    case "won" -> d.won("dp_1");
                    default -> d.lost("dp_1");
                };
            }
            assertThat(d).as(order.toString()).isEqualTo(new Disputes(List.of(), List.of("dp_1"), List.of()));
        }
    }

    @Test
    void givenMoreIdsThanTheCap_thenEachListKeepsTheNewest() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Disputes.MAX_IDS + 5; i++) {
            ids.add("dp_" + i);
        }

        Disputes d = new Disputes(ids, ids, Arrays.asList("dp_x", null, "dp_x"));

        assertThat(d.openIds()).hasSize(Disputes.MAX_IDS).startsWith("dp_5").endsWith("dp_24");
        assertThat(d.lostIds()).hasSize(Disputes.MAX_IDS);
        assertThat(d.wonIds()).containsExactly("dp_x");
    }
}
