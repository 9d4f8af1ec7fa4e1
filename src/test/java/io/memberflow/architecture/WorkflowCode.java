package io.memberflow.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import io.temporal.workflow.WorkflowInterface;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which code runs inside a Temporal workflow, and what it must not do there. Workflow code is every class that
 * implements a {@link WorkflowInterface} (a new workflow is covered without a change here), every class of
 * {@code io.memberflow.workflow}, and every method, constructor and static initialiser of the project that this code
 * calls or references, followed call by call. Activity stubs are not followed: an activity interface's methods have
 * no body here, and their implementations run outside the workflow.
 */
final class WorkflowCode {
    static final String WORKFLOW_PACKAGE = "io.memberflow.workflow";

    /** Methods that read the clock, draw random numbers, block the thread or start threads: never inside a workflow. */
    private static final Map<String, Set<String>> FORBIDDEN_CALLS = Map.ofEntries(
            Map.entry("java.lang.System", Set.of("currentTimeMillis", "nanoTime", "getenv")),
            Map.entry("java.time.Instant", Set.of("now")),
            Map.entry("java.time.LocalDate", Set.of("now")),
            Map.entry("java.time.LocalDateTime", Set.of("now")),
            Map.entry("java.time.LocalTime", Set.of("now")),
            Map.entry("java.time.OffsetDateTime", Set.of("now")),
            Map.entry("java.time.ZonedDateTime", Set.of("now")),
            Map.entry("java.time.Clock", Set.of("systemUTC", "systemDefaultZone", "system")),
            Map.entry("java.util.UUID", Set.of("randomUUID")),
            Map.entry("java.util.Random", Set.of("<init>")),
            Map.entry("java.security.SecureRandom", Set.of("<init>", "getInstance", "getInstanceStrong")),
            Map.entry("java.util.concurrent.ThreadLocalRandom", Set.of("current")),
            Map.entry("java.lang.Math", Set.of("random")),
            Map.entry("java.lang.Thread", Set.of("<init>", "sleep", "start", "ofPlatform", "ofVirtual", "startVirtualThread")),
            Map.entry("java.util.concurrent.Executors", Set.of("*")),
            Map.entry("java.util.concurrent.CompletableFuture", Set.of("supplyAsync", "runAsync")),
            Map.entry("org.slf4j.LoggerFactory", Set.of("getLogger")));

    /** Packages whose classes do I/O, talk to a framework or a vendor: workflow code touches none of them. */
    private static final List<String> FORBIDDEN_PACKAGES = List.of("java.sql", "javax.sql", "java.net", "java.io",
            "java.nio.file", "java.nio.channels", "okhttp3", "retrofit2", "com.stripe", "io.micronaut",
            "com.fasterxml.jackson.databind", "io.temporal.client", "io.temporal.worker", "io.temporal.serviceclient",
            "io.memberflow.persistence", "io.memberflow.integrations", "io.memberflow.sync", "io.memberflow.config",
            "io.memberflow.temporal");

    static final DescribedPredicate<JavaClass> IMPLEMENTS_A_WORKFLOW_INTERFACE =
            DescribedPredicate.describe("implement a @WorkflowInterface", c -> !c.isInterface()
                    && c.getAllRawInterfaces().stream().anyMatch(i -> i.isAnnotatedWith(WorkflowInterface.class)));

    private WorkflowCode() {
    }

    /** The project's code units that run inside a workflow: the roots' and all they call or reference. */
    static Set<JavaCodeUnit> reached(JavaClasses classes) {
        Deque<JavaCodeUnit> todo = new ArrayDeque<>();
        for (JavaClass c : classes) {
            if (IMPLEMENTS_A_WORKFLOW_INTERFACE.test(c) || c.getPackageName().equals(WORKFLOW_PACKAGE)
                    || c.getPackageName().startsWith(WORKFLOW_PACKAGE + ".")) {
                todo.addAll(c.getCodeUnits());
            }
        }
        Set<JavaCodeUnit> reached = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.poll();
            if (!reached.add(unit)) {
                continue;
            }
            unit.getOwner().getStaticInitializer().ifPresent(todo::add);
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                if (access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target) {
                    target.resolveMember().filter(m -> m.getOwner().getPackageName().startsWith("io.memberflow"))
                            .ifPresent(todo::add);
                }
            }
        }
        return reached;
    }

    /** What the reached code does that a workflow must not: one sentence a violation, empty when there is none. */
    static List<String> violations(JavaClasses classes) {
        List<String> found = new ArrayList<>();
        for (JavaCodeUnit unit : reached(classes)) {
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                String owner = access.getTargetOwner().getName();
                String name = access.getTarget().getName();
                Set<String> forbidden = FORBIDDEN_CALLS.get(owner);
                if (forbidden != null && (forbidden.contains(name) || forbidden.contains("*"))) {
                    found.add(unit.getFullName() + " calls " + owner + "." + name + " " + access.getSourceCodeLocation());
                } else if (FORBIDDEN_PACKAGES.stream().anyMatch(p -> owner.equals(p) || owner.startsWith(p + "."))) {
                    found.add(unit.getFullName() + " uses " + owner + "." + name + " " + access.getSourceCodeLocation());
                }
            }
        }
        return found;
    }
}
