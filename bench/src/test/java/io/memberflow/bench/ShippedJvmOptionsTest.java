package io.memberflow.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench launches memberflow with the JVM options users get; this keeps the places that set them in step: the
 * image's {@code JAVA_TOOL_OPTIONS}, the chart's {@code javaToolOptions} and the README's run command.
 */
class ShippedJvmOptionsTest {
    private static final Path ROOT = Path.of(""); // surefire runs bench tests from the repository root

    @Test
    void givenTheShippedOptions_thenTheImageTheChartAndTheReadmeRunCommandCarryEachOfThem() throws IOException {
        assertFalse(MemberflowLauncher.SHIPPED_JVM_OPTIONS.isEmpty());
        List<String> places = List.of(
                line(ROOT.resolve("Dockerfile"), "ENV JAVA_TOOL_OPTIONS="),
                line(ROOT.resolve("helm/memberflow/values.yaml"), "javaToolOptions:"),
                line(ROOT.resolve("README.md"), "&& java "));
        for (String place : places) {
            for (String option : MemberflowLauncher.SHIPPED_JVM_OPTIONS) {
                assertTrue(List.of(place.split("[\\s\"]+")).contains(option), () -> option + " missing from: " + place);
            }
        }
    }

    private static String line(Path file, String startingWith) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).filter(l -> l.contains(startingWith)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no line with " + startingWith));
    }
}
