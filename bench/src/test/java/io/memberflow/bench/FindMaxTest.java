package io.memberflow.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code bench --find-max}'s step logic: pass or fail, the next rate or the stop, and the answer. */
class FindMaxTest {

    /** A step at {@code offered} events/s that kept up: everyone with access, p95 1 s, the sender on time. */
    private static FindMax.Step ok(double offered) {
        return new FindMax.Step(offered, offered, 100, 100, offered / 3, 40, 1000);
    }

    @Test
    void givenAPassingStep_thenTheNextOffersTheFactorTimesItsRate() {
        FindMax.Decision d = FindMax.next(List.of(ok(20)), 1.25, 12);
        assertThat(d.stop()).isFalse();
        assertThat(d.nextRate()).hasValueSatisfying(r -> assertThat(r).isCloseTo(25.0, within(1e-9)));
        assertThat(d.best()).contains(ok(20));

        FindMax.Decision then = FindMax.next(List.of(ok(20), ok(25)), 1.25, 12);
        assertThat(then.nextRate()).hasValueSatisfying(r -> assertThat(r).isCloseTo(31.25, within(1e-9)));
        assertThat(then.best()).contains(ok(25));
    }

    @Test
    void givenAccessP95Above2s_thenItStops_andTheAnswerIsTheLastPassingStep() {
        FindMax.Step slow = new FindMax.Step(39.1, 39.0, 260, 260, 12.5, 80, 2001);
        FindMax.Decision d = FindMax.next(List.of(ok(20), ok(25), ok(31.25), slow), 1.25, 12);
        assertThat(d.stop()).isTrue();
        assertThat(d.stopReason()).contains("39.1 events/s did not keep up").contains("p95 2.00 s > 2 s");
        assertThat(d.best()).contains(ok(31.25));
    }

    @Test
    void givenACustomerWithoutAccess_thenTheStepFails_evenWithAFastP95() {
        FindMax.Step missing = new FindMax.Step(50, 50, 200, 199, 16, 30, 500);
        assertThat(missing.failure()).hasValue("access 199/200");
        assertThat(FindMax.next(List.of(ok(40), missing), 1.25, 12).best()).contains(ok(40));
    }

    @Test
    void givenASenderBelow95PercentOfTheOfferedRate_thenTheStepFails() {
        FindMax.Step behind = new FindMax.Step(100, 94.9, 300, 300, 30, 900, 1500);
        assertThat(behind.failure()).hasValueSatisfying(f -> assertThat(f).contains("sender reached 94.9 of 100.0 events/s"));
        assertThat(new FindMax.Step(100, 95.0, 300, 300, 30, 900, 1500).passed()).isTrue();
    }

    @Test
    void givenNoAccessMeasured_thenTheStepFails() {
        FindMax.Step none = new FindMax.Step(20, 20, 50, 0, 0, 20, Double.NaN);
        assertThat(none.failure()).hasValueSatisfying(f -> assertThat(f).contains("access 0/50").contains("p95 n/a"));
    }

    @Test
    void givenTheFirstStepFails_thenThereIsNoAnswer() {
        FindMax.Decision d = FindMax.next(List.of(new FindMax.Step(20, 20, 100, 100, 6, 50, 3500)), 1.25, 12);
        assertThat(d.stop()).isTrue();
        assertThat(d.best()).isEmpty();
    }

    @Test
    void givenMaxStepsAllPassing_thenItStopsAndSaysTheLimitIsHigher() {
        FindMax.Decision d = FindMax.next(List.of(ok(20), ok(25), ok(31.25)), 1.25, 3);
        assertThat(d.stop()).isTrue();
        assertThat(d.stopReason()).contains("--max-steps 3 reached");
        assertThat(d.best()).contains(ok(31.25));
        assertThatThrownBy(() -> FindMax.next(List.of(), 1.25, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
