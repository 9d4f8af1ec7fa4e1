package io.memberflow.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.memberflow.inbox.EventSink;
import io.memberflow.inbox.Inbox;
import io.memberflow.inbox.InboxHealth;
import io.memberflow.inbox.InboxRelay;
import io.memberflow.inbox.InboxStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout README's "Project layout" describes: intake → inbox ← dispatch → (temporal) → workflow → activities ←
 * sync; packages never import each other in circles, the files that must obey Temporal's determinism rules are
 * exactly those of {@code io.memberflow.workflow}, and {@code inbox_event} belongs to {@code io.memberflow.inbox}.
 */
@AnalyzeClasses(packages = "io.memberflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noTwoPackagesDependOnEachOther = slices().matching("io.memberflow.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainUsesOnlyTheJdk = classes().that().resideInAPackage("io.memberflow.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.memberflow.domain..");

    @ArchTest
    static final ArchRule workflowCodeSeesNoFrameworkDatabaseHttpOrVendor = noClasses().that()
            .resideInAPackage("io.memberflow.workflow..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.micronaut..", "jakarta.inject..", "java.sql..", "javax.sql..", "java.net..", "java.io..",
                    "java.nio.file..", "okhttp3..", "retrofit2..", "com.stripe..", "com.fasterxml.jackson.databind..",
                    "io.temporal.client..", "io.temporal.worker..", "io.temporal.serviceclient..",
                    "io.memberflow.integrations..", "io.memberflow.persistence..", "io.memberflow.config..",
                    "io.memberflow.temporal..", "io.memberflow.sync..", "io.memberflow.dispatch..",
                    "io.memberflow.intake..", "io.memberflow.admin..", "io.memberflow.observability..");

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
                    "com.fasterxml.jackson..", "io.memberflow.standin..");

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
}
