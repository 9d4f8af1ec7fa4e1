package io.memberflow.config;

import io.memberflow.catchup.CatchUpController;
import io.memberflow.catchup.CatchUpSchedule;
import io.memberflow.catchup.CatchUpWorker;
import io.memberflow.catchup.StripeCatchUp;
import io.memberflow.dispatch.EventDispatcher;
import io.memberflow.dispatch.InboxRelay;
import io.memberflow.intake.EventIntake;
import io.memberflow.persistence.InboxEvent;
import io.memberflow.persistence.InboxRepository;
import io.memberflow.persistence.InboxStatus;
import io.memberflow.standin.StripeEvents;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import io.memberflow.reconcile.ReconcileRunner;
import io.memberflow.reconcile.ReconcileRunsController;
import io.memberflow.reconcile.ReconcileSchedule;
import io.memberflow.reconcile.ReconcileWorker;
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
    void givenTheWebRole_thenItOnlyAcknowledgesAndDispatches_noWorkerAndNoScheduledJob() {
        try (ApplicationContext ctx = start("web")) {
            assertThat(ctx.containsBean(StripeWebhookController.class)).isTrue();
            assertThat(ctx.containsBean(EventDispatcher.class)).isTrue();
            assertThat(ctx.containsBean(InboxRelay.class)).isTrue();
            // the admin calls that start a job stay here; the job runs on a worker
            assertThat(ctx.containsBean(CatchUpController.class)).isTrue();
            assertThat(ctx.containsBean(ReconcileRunsController.class)).isTrue();
            assertThat(ctx.containsBean(WorkerStarter.class)).isFalse();
            assertThat(ctx.containsBean(CatchUpWorker.class)).isFalse();
            assertThat(ctx.containsBean(StripeCatchUp.class)).isFalse();
            assertThat(ctx.containsBean(CatchUpSchedule.class)).isFalse();
            assertThat(ctx.containsBean(ReconcileWorker.class)).isFalse();
            assertThat(ctx.containsBean(ReconcileRunner.class)).isFalse();
            assertThat(ctx.containsBean(ReconcileSchedule.class)).isFalse();
        }
    }

    @Test
    void givenTheWorkerRole_thenTheScheduledJobsRunNextToTheirSchedules_andTheIntakeRecordsWithoutAnEndpoint() throws Exception {
        try (ApplicationContext ctx = start("worker")) {
            assertThat(ctx.containsBean(WorkerStarter.class)).isTrue();
            assertThat(ctx.containsBean(CatchUpWorker.class)).isTrue();
            assertThat(ctx.containsBean(StripeCatchUp.class)).isTrue();
            assertThat(ctx.containsBean(CatchUpSchedule.class)).isTrue();
            assertThat(ctx.containsBean(ReconcileWorker.class)).isTrue();
            assertThat(ctx.containsBean(ReconcileRunner.class)).isTrue();
            assertThat(ctx.containsBean(ReconcileSchedule.class)).isTrue();
            assertThat(ctx.getBean(EventIntake.class)).as("catch-up records through the intake").isNotNull();
            assertThat(ctx.containsBean(StripeWebhookController.class)).isFalse();
            assertThat(ctx.containsBean(EventDispatcher.class)).isFalse();
            assertThat(ctx.containsBean(InboxRelay.class)).isFalse();
            assertThat(ctx.containsBean(CatchUpController.class)).isFalse();

            // what the catch-up records here is due at once: a web process's relay delivers it
            String customer = "cus_role" + System.nanoTime();
            String event = new StripeEvents(customer, "role@example.test", Instant.now().getEpochSecond())
                    .invoice("invoice.paid", "sub_role", "price_role", 1000);
            String id = JsonMapper.builder().build().readTree(event).path("id").asText();
            assertThat(ctx.getBean(EventIntake.class).recordTrusted(event.getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(EventIntake.Outcome.RECORDED);
            InboxEvent row = ctx.getBean(InboxRepository.class).findById(id).orElseThrow();
            assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
            assertThat(row.nextAttemptAt()).isBeforeOrEqualTo(Instant.now());
        }
    }

    @Test
    void givenTheAllRole_thenEverythingRunsInOneProcess() {
        try (ApplicationContext ctx = start("all")) {
            assertThat(ctx.containsBean(StripeWebhookController.class)).isTrue();
            assertThat(ctx.containsBean(InboxRelay.class)).isTrue();
            assertThat(ctx.containsBean(WorkerStarter.class)).isTrue();
            assertThat(ctx.containsBean(CatchUpWorker.class)).isTrue();
            assertThat(ctx.containsBean(ReconcileWorker.class)).isTrue();
        }
    }

    @Test
    void givenAnUnknownRole_thenStartupFailsNamingTheSetting() {
        assertThatThrownBy(() -> start("wroker").close()).hasStackTraceContaining("MEMBERFLOW_ROLE");
    }
}
