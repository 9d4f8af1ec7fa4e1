package io.memberflow.e2e.real;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Helm chart, linted and rendered by real Helm (scripts/helm-check.sh builds it on first use). */
class HelmChartE2E {

    @Test
    void givenTheChart_thenHelmLintsAndRendersItAndTheManifestsPassTheChecks() {
        Processes.Result r = Processes.run(Duration.ofMinutes(20), Map.of(), "bash",
                Processes.REPO.resolve("scripts/helm-check.sh").toString());
        System.out.println(r.output());
        if (r.exit() != 0 && r.output().contains("could not find or build Helm")) {
            String message = "SKIPPED: Helm could not be built here (see scripts/helm-check.sh output above)";
            if ("true".equals(System.getenv("MEMBERFLOW_E2E_REQUIRED"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(Processes.REPO.resolve("target/helm")).isDirectory();
    }
}
