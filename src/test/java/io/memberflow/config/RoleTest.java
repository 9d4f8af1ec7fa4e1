package io.memberflow.config;

import io.memberflow.catchup.CatchUpController;
import io.memberflow.catchup.CatchUpSchedule;
import io.memberflow.catchup.CatchUpWorker;
import io.memberflow.catchup.StripeCatchUp;
import io.memberflow.dispatch.EventDispatcher;
import io.memberflow.inbox.EventSink;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxRelay;
import io.memberflow.intake.EventIntake;
import io.memberflow.intake.ParkedEvents;
import io.memberflow.inbox.InboxEvent;
import io.memberflow.inbox.InboxRows;
import io.memberflow.inbox.InboxStatus;
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
import io.memberflow.temporal.CustomerWorker;
import io.memberflow.temporal.WorkerRegistry;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleTest {
    /** The beans only the web side has: what receives, relays and shows, and the admin calls that start jobs. */
    private static final Set<String> WEB_ONLY = Set.of("AdminAuthFilter", "AdminController", "AdminPageController",
            "BackfillController", "CatchUpController", "ConsoleController", "CustomerBackfill", "EventDispatcher",
            "InboxRelay", "IntakeRehearsal", "KitWebhookController", "ParkedEvents", "ReconcileRunsController",
            "StripeWebhookController");
    /** The beans only the worker side has: the one worker registry, its task queues, their activities and schedules. */
    private static final Set<String> WORKER_ONLY = Set.of("CatchUpSchedule", "CatchUpWorker", "CustomerWorker",
            "ReconcileRunner", "ReconcileSchedule", "ReconcileWorker", "StripeCatchUp", "WorkerRegistry");

    private static ApplicationContext start(String role) {
        return start(role, Map.of());
    }

    private static ApplicationContext start(String role, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("memberflow.role", role);
        props.putAll(extra);
        return ApplicationContext.run(props, "test");
    }

    /** Every vendor configured (nothing is called: no request is made at start-up), so no bean is off for want of one. */
    private static ApplicationContext startWithEveryVendor(String role) {
        return start(role, Map.of("memberflow.circle.api-token", "circle-token", "memberflow.circle.api-url",
                "http://127.0.0.1:9/api/admin/v2", "memberflow.kit.api-key", "kit-key", "memberflow.kit.api-url",
                "http://127.0.0.1:9/v4", "memberflow.stripe.api-key", "sk_test_role", "memberflow.stripe.api-base",
                "http://127.0.0.1:9"));
    }

    /** The simple names of the memberflow classes that are beans in {@code ctx} (Micronaut's generated ones left out). */
    private static Set<String> memberflowBeans(ApplicationContext ctx) {
        return ctx.getAllBeanDefinitions().stream().map(BeanDefinition::getBeanType)
                .filter(type -> type.getName().startsWith("io.memberflow.") && ctx.containsBean(type))
                .map(Class::getSimpleName).filter(name -> !name.contains("$"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> marked(ApplicationContext ctx, Class<? extends java.lang.annotation.Annotation> role) {
        return ctx.getAllBeanDefinitions().stream()
                .filter(d -> d.getBeanType().getName().startsWith("io.memberflow."))
                .filter(d -> d.getAnnotationMetadata().hasStereotype(role))
                .map(d -> d.getBeanType().getSimpleName()).filter(name -> !name.contains("$"))
                .collect(Collectors.toSet());
    }

    @Test
    void givenEachRole_thenTheWebAndWorkerSidesGetExactlyTheirOwnBeans_andAllGetsBoth() {
        Set<String> web;
        Set<String> worker;
        Set<String> all;
        try (ApplicationContext ctx = startWithEveryVendor("web")) {
            web = memberflowBeans(ctx);
        }
        try (ApplicationContext ctx = startWithEveryVendor("worker")) {
            worker = memberflowBeans(ctx);
        }
        try (ApplicationContext ctx = startWithEveryVendor("all")) {
            all = memberflowBeans(ctx);
        }
        Set<String> webOnly = new TreeSet<>(web);
        webOnly.removeAll(worker);
        Set<String> workerOnly = new TreeSet<>(worker);
        workerOnly.removeAll(web);
        assertThat(webOnly).isEqualTo(new TreeSet<>(WEB_ONLY));
        assertThat(workerOnly).isEqualTo(new TreeSet<>(WORKER_ONLY));
        Set<String> both = new TreeSet<>(web);
        both.addAll(worker);
        assertThat(all).isEqualTo(both);
        assertThat(all).containsAll(WEB_ONLY).containsAll(WORKER_ONLY);
    }

    @Test
    void givenTheRoleAnnotations_thenEachMarksTheSideItNames() {
        try (ApplicationContext ctx = startWithEveryVendor("all")) {
            Set<String> marked = marked(ctx, WorkerRole.class);
            assertThat(WORKER_ONLY).containsAll(marked);
            Set<String> web = marked(ctx, WebRole.class);
            assertThat(WEB_ONLY).containsAll(web);
            assertThat(web).contains("AdminController", "CatchUpController", "KitWebhookController");
            assertThat(marked).contains("WorkerRegistry", "CustomerWorker", "CatchUpWorker", "ReconcileWorker");
        }
    }

    @Test
    void givenTheWebRole_thenItOnlyAcknowledgesAndDispatches_noWorkerAndNoScheduledJob() {
        try (ApplicationContext ctx = startWithEveryVendor("web")) {
            assertThat(ctx.containsBean(StripeWebhookController.class)).isTrue();
            assertThat(ctx.containsBean(EventDispatcher.class)).isTrue();
            // the inbox the webhook records into, and what relays it to the dispatcher (the sink)
            assertThat(ctx.containsBean(Inbox.class)).isTrue();
            assertThat(ctx.containsBean(InboxRelay.class)).isTrue();
            assertThat(ctx.getBean(EventSink.class)).isInstanceOf(EventDispatcher.class);
            assertThat(ctx.containsBean(ParkedEvents.class)).isTrue();
            // the admin calls that start a job stay here; the job runs on a worker
            assertThat(ctx.containsBean(CatchUpController.class)).isTrue();
            assertThat(ctx.containsBean(ReconcileRunsController.class)).isTrue();
            assertThat(ctx.containsBean(CustomerWorker.class)).isFalse();
            assertThat(ctx.containsBean(CatchUpWorker.class)).isFalse();
            assertThat(ctx.containsBean(StripeCatchUp.class)).isFalse();
            assertThat(ctx.containsBean(CatchUpSchedule.class)).isFalse();
            assertThat(ctx.containsBean(ReconcileWorker.class)).isFalse();
            assertThat(ctx.containsBean(ReconcileRunner.class)).isFalse();
            assertThat(ctx.containsBean(ReconcileSchedule.class)).isFalse();
            assertThat(ctx.containsBean(WorkerRegistry.class)).isFalse();
        }
    }

    @Test
    void givenTheWorkerRole_thenTheScheduledJobsRunNextToTheirSchedules_andTheIntakeRecordsWithoutAnEndpoint() throws Exception {
        try (ApplicationContext ctx = startWithEveryVendor("worker")) {
            assertThat(ctx.containsBean(CustomerWorker.class)).isTrue();
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
            assertThat(ctx.containsBean(EventSink.class)).isFalse();
            assertThat(ctx.containsBean(ParkedEvents.class)).isFalse();
            assertThat(ctx.containsBean(CatchUpController.class)).isFalse();

            // what the catch-up records here is due at once: a web process's relay delivers it
            String customer = "cus_role" + System.nanoTime();
            String event = new StripeEvents(customer, "role@example.test", Instant.now().getEpochSecond())
                    .invoice("invoice.paid", "sub_role", "price_role", 1000);
            String id = JsonMapper.builder().build().readTree(event).path("id").asText();
            assertThat(ctx.getBean(EventIntake.class).recordTrusted(event.getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(EventIntake.Outcome.RECORDED);
            InboxEvent row = ctx.getBean(InboxRows.class).findById(id).orElseThrow();
            assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
            assertThat(row.nextAttemptAt()).isBeforeOrEqualTo(Instant.now());
        }
    }

    @Test
    void givenTheAllRole_thenEverythingRunsInOneProcess() {
        try (ApplicationContext ctx = startWithEveryVendor("all")) {
            assertThat(ctx.containsBean(StripeWebhookController.class)).isTrue();
            assertThat(ctx.containsBean(InboxRelay.class)).isTrue();
            assertThat(ctx.containsBean(CustomerWorker.class)).isTrue();
            assertThat(ctx.containsBean(CatchUpWorker.class)).isTrue();
            assertThat(ctx.containsBean(ReconcileWorker.class)).isTrue();
        }
    }

    @Test
    void givenAnUnknownRole_thenStartupFailsNamingTheSetting() {
        assertThatThrownBy(() -> start("wroker").close()).hasStackTraceContaining("MEMBERFLOW_ROLE");
    }
}
