package io.memberflow.config;

import io.memberflow.dispatch.InboxRelay;
import io.memberflow.intake.StripeWebhookController;
import io.memberflow.support.TestDatabase;
import io.memberflow.temporal.WorkerStarter;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleTest {

    private static ApplicationContext start(String role) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("memberflow.role", role);
        return ApplicationContext.run(props, "test");
    }

    @Test
    void givenTheWebRole_thenTheIntakeRunsWithoutAWorker() {
        try (ApplicationContext ctx = start("web")) {
            assertThat(ctx.containsBean(StripeWebhookController.class)).isTrue();
            assertThat(ctx.containsBean(InboxRelay.class)).isTrue();
            assertThat(ctx.containsBean(WorkerStarter.class)).isFalse();
        }
    }

    @Test
    void givenTheWorkerRole_thenTheWorkerRunsWithoutTheIntake() {
        try (ApplicationContext ctx = start("worker")) {
            assertThat(ctx.containsBean(WorkerStarter.class)).isTrue();
            assertThat(ctx.containsBean(StripeWebhookController.class)).isFalse();
            assertThat(ctx.containsBean(InboxRelay.class)).isFalse();
        }
    }

    @Test
    void givenAnUnknownRole_thenStartupFailsNamingTheSetting() {
        assertThatThrownBy(() -> start("wroker").close()).hasStackTraceContaining("MEMBERFLOW_ROLE");
    }
}
