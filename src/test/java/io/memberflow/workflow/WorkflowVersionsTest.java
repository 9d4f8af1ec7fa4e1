package io.memberflow.workflow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** workflows.md's table of version change ids stays complete as the workflow code changes. */
class WorkflowVersionsTest {
    private static final Path WORKFLOW_CODE = Path.of("src/main/java/io/memberflow/workflow");
    private static final Pattern ASKED = Pattern.compile("Workflow\\.getVersion\\(\\s*([A-Z_]+)\\s*,");
    private static final Pattern CONSTANT = Pattern.compile("static final String ([A-Z_]+) = \"([a-z0-9-]+)\";");

    /** The change id of every {@code Workflow.getVersion(CONSTANT, …)} in the workflow package. */
    static Set<String> changeIdsAsked() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.list(WORKFLOW_CODE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(file)).append('\n');
            }
        }
        Set<String> ids = new TreeSet<>();
        Matcher asked = ASKED.matcher(code);
        while (asked.find()) {
            Matcher constant = CONSTANT.matcher(code);
            String id = null;
            while (constant.find()) {
                if (constant.group(1).equals(asked.group(1))) {
                    id = constant.group(2);
                }
            }
            assertThat(id).as("the value of " + asked.group(1)).isNotNull();
            ids.add(id);
        }
        return ids;
    }

    @Test
    void givenTheWorkflowCode_thenEveryVersionChangeIdItAsksForHasARowInWorkflowsMd() throws IOException {
        String doc = Files.readString(Path.of("workflows.md"));

        Set<String> ids = changeIdsAsked();

        assertThat(ids).contains(CustomerWorkflowImpl.BILLING_TRUTH, LegacyLoop.OPERATOR_SURFACE, VendorSync.EMAIL_CHANGE);
        assertThat(ids).allSatisfy(id -> assertThat(doc).contains("| `" + id + "` |"));
    }
}
