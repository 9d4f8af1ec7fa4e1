package io.memberflow.e2e.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.Map;

/** The real {@code temporal} CLI, as an operator would type it. */
final class TemporalCli {
    private final String binary;
    private final String address;
    private final ObjectMapper json = new ObjectMapper();

    TemporalCli(String binary, String address) {
        this.binary = binary;
        this.address = address;
    }

    String run(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = binary;
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--address";
        command[args.length + 2] = address;
        return Processes.ok(Duration.ofSeconds(60), Map.of(), command).output();
    }

    /** {@code temporal workflow query --name state}: the CustomerRecord as JSON, or null while it cannot answer. */
    JsonNode state(String workflowId) {
        String out;
        try {
            out = run("workflow", "query", "--workflow-id", workflowId, "--name", "state", "-o", "json");
        } catch (AssertionError e) {
            System.out.println("query not answered yet: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        try {
            return find(json.readTree(out.substring(out.indexOf('{'))), "member");
        } catch (Exception e) {
            throw new AssertionError("unreadable query output: " + out, e);
        }
    }

    String signal(String workflowId, String name, String input) {
        return run("workflow", "signal", "--workflow-id", workflowId, "--name", name, "--input", input);
    }

    /** {@code temporal workflow list --query …}; empty while the server cannot answer. */
    String list(String query) {
        try {
            return run("workflow", "list", "--query", query);
        } catch (AssertionError e) {
            System.out.println("list not answered yet: " + e.getMessage().lines().findFirst().orElse(""));
            return "";
        }
    }

    /** The object holding {@code field}, wherever the CLI nests the query result. */
    private static JsonNode find(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && node.has(field)) {
            return node;
        }
        for (JsonNode child : node) {
            JsonNode found = find(child, field);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
