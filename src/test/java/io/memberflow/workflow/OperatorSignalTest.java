package io.memberflow.workflow;

import io.temporal.workflow.SignalMethod;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorSignalTest {

    @Test
    void givenTheWorkflowInterface_thenItsOperatorSignalsAreExactlyTheEnum() {
        var declared = Arrays.stream(CustomerWorkflow.class.getMethods())
                .filter(m -> m.isAnnotationPresent(SignalMethod.class))
                .filter(m -> Arrays.equals(m.getParameterTypes(), new Class<?>[] {OperatorAction.class}))
                .map(m -> m.getName()).toList();

        assertThat(declared).containsExactlyInAnyOrderElementsOf(OperatorSignal.names());
    }

    @Test
    void givenWorkflowsMd_thenItsSignalTableNamesEveryOperatorSignal() throws Exception {
        String doc = Files.readString(Path.of("workflows.md"));

        assertThat(OperatorSignal.names()).allSatisfy(name -> assertThat(doc).contains("| `" + name + "` |"));
    }

    @Test
    void givenASignalName_thenOnlyTheNamesOfTheEnumAreKnown() {
        assertThat(OperatorSignal.named("deleteEverything")).isEmpty();
        assertThat(OperatorSignal.named("block")).contains(OperatorSignal.BLOCK);
    }
}
