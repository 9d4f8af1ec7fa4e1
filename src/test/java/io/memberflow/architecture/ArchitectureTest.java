package io.memberflow.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.memberflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theDomainUsesOnlyTheJdk = classes().that().resideInAPackage("io.memberflow.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.memberflow.domain..");

    @ArchTest
    static final ArchRule theWorkflowNeverSeesVendorClients = noClasses().that().resideInAPackage("io.memberflow.workflow..")
            .should().dependOnClassesThat().resideInAnyPackage("io.memberflow.integrations..", "com.stripe..",
                    "retrofit2..", "okhttp3..", "io.memberflow.persistence..", "java.sql..");

    @ArchTest
    static final ArchRule integrationsKnowNothingOfTemporalOrMicronaut = noClasses().that()
            .resideInAPackage("io.memberflow.integrations..")
            .should().dependOnClassesThat().resideInAnyPackage("io.temporal..", "io.micronaut..");
}
