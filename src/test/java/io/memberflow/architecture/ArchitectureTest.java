package io.memberflow.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout README's "Project layout" describes: intake → dispatch → (temporal) → workflow → activities ← sync;
 * packages never import each other in circles, and the files that must obey Temporal's determinism rules are
 * exactly those of {@code io.memberflow.workflow}.
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
                    "javax.crypto..", "com.fasterxml.jackson..", "io.memberflow.standin..");

    /** Only the bench (and tests) run stand-ins: the service never talks to one by accident. */
    @ArchTest
    static final ArchRule onlyTheBenchUsesTheStandIns = noClasses().that().resideInAPackage("io.memberflow..")
            .and().resideOutsideOfPackages("io.memberflow.standin..", "io.memberflow.bench..")
            .should().dependOnClassesThat().resideInAPackage("io.memberflow.standin..");
}
