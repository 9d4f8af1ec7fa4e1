package io.memberflow.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.memberflow.config.StripeClients;
import io.memberflow.inbox.EventSink;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxHealth;
import io.memberflow.inbox.InboxRelay;
import io.memberflow.inbox.InboxStatus;
import io.memberflow.integrations.circle.CircleClient;
import io.memberflow.integrations.kit.KitClient;
import io.memberflow.temporal.WorkerRegistry;
import io.memberflow.temporal.WorkflowGateway;
import io.memberflow.vendors.VendorClients;
import io.memberflow.workflow.CustomerWorkflow;
import io.micronaut.context.annotation.Requires;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout README's "Project layout" describes: intake → inbox ← dispatch → (temporal) → workflow → activities ←
 * sync; packages never import each other in circles, {@code io.memberflow.workflow} holds the customer's workflow and
 * nothing that needs a framework, a database or HTTP (every workflow implementation and what it calls obeys Temporal's
 * determinism rules: {@link WorkflowDeterminismTest}), and {@code inbox_event} belongs to {@code io.memberflow.inbox}.
 */
@AnalyzeClasses(packages = "io.memberflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noTwoPackagesDependOnEachOther = slices().matching("io.memberflow.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainUsesOnlyTheJdk = classes().that().resideInAPackage("io.memberflow.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.memberflow.domain..");

    /** The workflow package, and every workflow implementation wherever it lives. */
    @ArchTest
    static final ArchRule workflowCodeSeesNoFrameworkDatabaseHttpOrVendor = noClasses().that()
            .resideInAPackage("io.memberflow.workflow..").or(WorkflowCode.IMPLEMENTS_A_WORKFLOW_INTERFACE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.micronaut..", "jakarta.inject..", "java.sql..", "javax.sql..", "java.net..", "java.io..",
                    "java.nio.file..", "okhttp3..", "retrofit2..", "com.stripe..", "com.fasterxml.jackson.databind..",
                    "io.temporal.client..", "io.temporal.worker..", "io.temporal.serviceclient..",
                    "io.memberflow.integrations..", "io.memberflow.persistence..", "io.memberflow.config..",
                    "io.memberflow.temporal..", "io.memberflow.sync..", "io.memberflow.dispatch..",
                    "io.memberflow.intake..", "io.memberflow.admin..", "io.memberflow.observability..");

    /**
     * One owner for each piece of a customer workflow's state (issue 21): a field of a workflow class is assigned only
     * by that class (its methods, lambdas and nested classes). Others change the state through the owner's methods
     * ({@code CustomerBook.change}, {@code BillingReads.requested}, {@code VendorSync.release} …) or act on the
     * decisions it returns; a shared bag of fields that every helper assigns, as {@code WorkflowContext} was, fails here.
     */
    @ArchTest
    static final ArchRule workflowStateIsWrittenOnlyByItsOwner = noClasses()
            .should().accessFieldWhere(DescribedPredicate.describe("a field of a workflow class is set by another class",
                    ArchitectureTest::setsAnotherWorkflowClassesField))
            .because("each flag group and the customer record has one owner class (workflows.md, issue 21)");

    /** The mutable state of workflow classes is private, so only its owner can write it (constants excepted). */
    @ArchTest
    static final ArchRule workflowStateIsPrivate = fields().that().areDeclaredInClassesThat()
            .resideInAPackage(WorkflowCode.WORKFLOW_PACKAGE + "..").and().areNotFinal()
            .should().bePrivate();

    private static boolean setsAnotherWorkflowClassesField(JavaFieldAccess access) {
        JavaClass owner = access.getTargetOwner();
        return access.getAccessType() == JavaFieldAccess.AccessType.SET
                && (owner.getPackageName().equals(WorkflowCode.WORKFLOW_PACKAGE)
                || owner.getPackageName().startsWith(WorkflowCode.WORKFLOW_PACKAGE + "."))
                && !topLevel(owner).equals(topLevel(access.getOriginOwner()));
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    @ArchTest
    static final ArchRule activitiesAreInterfacesAndRecordsOnTheDomain = classes().that()
            .resideInAPackage("io.memberflow.activities..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.memberflow.activities..",
                    "io.memberflow.domain..", "io.temporal.activity..");

    @ArchTest
    static final ArchRule integrationsKnowNothingOfTemporalOrMicronaut = noClasses().that()
            .resideInAPackage("io.memberflow.integrations..")
            .should().dependOnClassesThat().resideInAnyPackage("io.temporal..", "io.micronaut..");

    /** The vendor stand-ins move to a module of their own with the bench: the JDK and Jackson only. */
    @ArchTest
    static final ArchRule standInsUseOnlyTheJdkAndJackson = classes().that().resideInAPackage("io.memberflow.standin..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.sun.net.httpserver..",
                    "javax.crypto..", "com.fasterxml.jackson..", "io.memberflow.standin..");

    /** Only the bench (and tests) run stand-ins: the service never talks to one by accident. */
    @ArchTest
    static final ArchRule onlyTheBenchUsesTheStandIns = noClasses().that().resideInAPackage("io.memberflow..")
            .and().resideOutsideOfPackages("io.memberflow.standin..", "io.memberflow.bench..")
            .should().dependOnClassesThat().resideInAPackage("io.memberflow.standin..");

    /**
     * The inbox table has one owner: no class outside {@code io.memberflow.inbox} holds SQL (or any string) naming
     * {@code inbox_event}. Read from the compiled class's constant pool, where every string literal lands. The bench
     * (its crash check counts rows) leaves the service for a module of its own.
     */
    @ArchTest
    static final ArchRule onlyTheInboxPackageNamesTheInboxTable = noClasses().that()
            .resideOutsideOfPackages("io.memberflow.inbox..", "io.memberflow.bench..")
            .should(holdTheString("inbox_event"));

    /** Everyone else uses the inbox through its interface: never its repository, row type, claims or codec. */
    @ArchTest
    static final ArchRule otherPackagesUseTheInboxThroughItsInterface = noClasses().that()
            .resideOutsideOfPackage("io.memberflow.inbox..")
            .should().dependOnClassesThat(resideInAPackage("io.memberflow.inbox..").and(DescribedPredicate.not(
                    belongToAnyOf(Inbox.class, InboxStatus.class, InboxHealth.class, EventSink.class, InboxRelay.class)))
                    .as("are inbox internals (anything but Inbox, InboxStatus, InboxHealth, EventSink, InboxRelay)"));

    private static ArchCondition<JavaClass> holdTheString(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return new ArchCondition<>("hold the string \"" + text + "\"") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean holds = item.getSource().map(source -> contains(bytes(source), needle)).orElse(false);
                events.add(new SimpleConditionEvent(item, holds, item.getName() + (holds ? " holds" : " does not hold")
                        + " \"" + text + "\""));
            }
        };
    }

    private static byte[] bytes(Source source) {
        try (InputStream in = source.getUri().toURL().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Vendor clients come from {@link VendorClients} only, so credentials decide once which beans exist. */
    @ArchTest
    static final ArchRule vendorClientsAreMadeOnlyByTheFactory = noClasses().that()
            .doNotBelongToAnyOf(VendorClients.class, CircleClient.class, KitClient.class)
            .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                            belongToAnyOf(CircleClient.class, KitClient.class))))
            .orShould().callMethod(StripeClients.class, "client", io.memberflow.config.StripeProperties.class)
            .because("a vendor client is a bean of VendorClients: new ones would bypass the quota counting and the"
                    + " shadow switch");

    /** Temporal workers are made by the one registry, with its interceptors and sizing. */
    @ArchTest
    static final ArchRule workersAreMadeOnlyByTheRegistry = noClasses().that()
            .doNotBelongToAnyOf(WorkerRegistry.class)
            .should().callMethod(WorkerFactory.class, "newInstance", io.temporal.client.WorkflowClient.class)
            .orShould().callMethod(WorkerFactory.class, "newInstance", io.temporal.client.WorkflowClient.class,
                    io.temporal.worker.WorkerFactoryOptions.class)
            .orShould().callMethod(WorkerFactory.class, "newWorker", String.class)
            .orShould().callMethod(WorkerFactory.class, "newWorker", String.class, io.temporal.worker.WorkerOptions.class)
            .because("every worker gets the same interceptors and sizing from WorkerRegistry");

    /**
     * Customer workflows are signalled through {@link WorkflowGateway} alone (and from inside their own package, as a
     * removal asks another customer of the address to repair): one class knows the signals, the deploy order they need
     * and their fallbacks. Untyped signals and signal-with-start count too, whatever workflow they would reach.
     */
    @ArchTest
    static final ArchRule onlyTheGatewaySignalsCustomerWorkflows = noClasses().that()
            .doNotBelongToAnyOf(WorkflowGateway.class)
            .and().resideOutsideOfPackages("io.memberflow.workflow..", "io.memberflow.bench..")
            .should().accessTargetWhere(DescribedPredicate.describe("signal a customer workflow",
                    ArchitectureTest::signalsAWorkflow))
            .because("a new signal needs a deploy order (workflows.md); the gateway is where its setting and fallback live");

    private static boolean signalsAWorkflow(JavaAccess<?> access) {
        String owner = access.getTargetOwner().getName();
        String name = access.getTarget().getName();
        if (owner.equals(CustomerWorkflow.class.getName()) && access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget t) {
            return t.resolveMember().map(m -> m.isAnnotatedWith(SignalMethod.class)).orElse(false);
        }
        return owner.equals(WorkflowStub.class.getName()) && (name.equals("signal") || name.equals("signalWithStart"))
                || owner.equals(WorkflowClient.class.getName()) && (name.equals("signalWithStart")
                || name.equals("newSignalWithStartRequest"));
    }

    /** The role is read in one place: {@code @WebRole} and {@code @WorkerRole}, not a {@code @Requires} literal. */
    @ArchTest
    static final ArchRule rolesAreReadOnlyThroughTheRoleAnnotations = classes().that()
            .resideInAPackage("io.memberflow..")
            .should(new ArchCondition<JavaClass>("not require memberflow.role except through @WebRole/@WorkerRole") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    if (item.isAnnotation()) {
                        return;
                    }
                    for (JavaAnnotation<JavaClass> annotation : item.getAnnotations()) {
                        if (annotation.getRawType().isEquivalentTo(Requires.class)
                                && annotation.get("property").map("memberflow.role"::equals).orElse(false)) {
                            events.add(SimpleConditionEvent.violated(item, item.getName()
                                    + " reads memberflow.role itself: use @WebRole or @WorkerRole"));
                        }
                    }
                }
            });
}
