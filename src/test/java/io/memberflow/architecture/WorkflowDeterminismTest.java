package io.memberflow.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temporal rebuilds a workflow's state by running its code again over the recorded history, so the code that runs
 * inside a workflow gives the same commands every time: time from {@code Workflow.currentTimeMillis}, logs through
 * {@code Workflow.getLogger}, waits through {@code Workflow.sleep}, no randomness, threads, I/O, database or HTTP.
 * {@link WorkflowCode} says which code that is: every class implementing a {@code @WorkflowInterface}, the
 * {@code workflow} package, and all they call in the project. (What workflow classes may depend on at all is
 * ArchitectureTest's {@code workflowCodeSeesNoFrameworkDatabaseHttpOrVendor}.)
 */
@AnalyzeClasses(packages = "io.memberflow", importOptions = ImportOption.DoNotIncludeTests.class)
class WorkflowDeterminismTest {

    @ArchTest
    static void codeThatRunsInsideAWorkflowReadsNoClockDrawsNoRandomNumbersAndDoesNoIo(JavaClasses classes) {
        assertThat(WorkflowCode.reached(classes)).as("the code found to run inside workflows")
                .anyMatch(unit -> unit.getOwner().getSimpleName().equals("CatchUpWorkflowImpl"))
                .anyMatch(unit -> unit.getOwner().getSimpleName().equals("ReconcileWorkflowImpl"))
                .anyMatch(unit -> unit.getOwner().getSimpleName().equals("EntitlementMachine"));
        assertThat(WorkflowCode.violations(classes)).as("non-deterministic calls in workflow code").isEmpty();
    }
}
