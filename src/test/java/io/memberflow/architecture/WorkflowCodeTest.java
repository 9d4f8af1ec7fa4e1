package io.memberflow.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WorkflowCode} finds what a workflow implementation and the helpers it calls must not do, and only that. */
class WorkflowCodeTest {

    @WorkflowInterface
    interface SampleWorkflow {
        @WorkflowMethod
        String run(String input);
    }

    /** A workflow outside io.memberflow.workflow, found by its interface alone. */
    static class CarelessWorkflowImpl implements SampleWorkflow {
        @Override
        public String run(String input) {
            Supplier<String> id = () -> UUID.randomUUID().toString();
            return Helper.stamp(input) + id.get();
        }
    }

    static class Helper {
        static String stamp(String input) {
            return input + Instant.now();
        }

        /** Never called from a workflow: not workflow code. */
        static long notCalled() {
            return System.currentTimeMillis();
        }
    }

    static class CarefulWorkflowImpl implements SampleWorkflow {
        @Override
        public String run(String input) {
            return input + Workflow.currentTimeMillis() + Workflow.randomUUID();
        }
    }

    private static JavaClasses sample(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void givenAWorkflowThatCallsAHelperReadingTheClockAndALambdaDrawingAUuid_thenBothAreNamed() {
        List<String> violations = WorkflowCode.violations(sample(SampleWorkflow.class, CarelessWorkflowImpl.class, Helper.class));

        assertThat(violations).hasSize(2);
        assertThat(violations).anyMatch(v -> v.contains("Helper.stamp") && v.contains("java.time.Instant.now"));
        assertThat(violations).anyMatch(v -> v.contains("CarelessWorkflowImpl") && v.contains("java.util.UUID.randomUUID"));
    }

    @Test
    void givenAWorkflowThatUsesTheWorkflowClockAndUuids_thenNothingIsNamed() {
        assertThat(WorkflowCode.violations(sample(SampleWorkflow.class, CarefulWorkflowImpl.class, Helper.class))).isEmpty();
    }
}
