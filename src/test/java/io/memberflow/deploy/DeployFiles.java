package io.memberflow.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the deployment files (compose file, Helm chart) from the repository root. */
final class DeployFiles {

    private DeployFiles() {
    }

    /** The repository root: the nearest directory upwards from the working directory that holds pom.xml. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("helm"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml + helm/) above " + dir);
    }

    static Path file(String relative) {
        return repoRoot().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String relative) {
        return new Yaml().load(read(relative));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new AssertionError(what + " should be a mapping but is " + node);
        }
        return (Map<String, Object>) m;
    }

    /** Follows a dotted path of mapping keys, e.g. {@code at(values, "split.web.replicaCount")}. */
    static Object at(Map<String, Object> root, String dottedPath) {
        Object node = root;
        for (String key : dottedPath.split("\\.")) {
            node = map(node, dottedPath).get(key);
        }
        return node;
    }

    // --- The "no inline credential" scan of a values tree ---------------------------------------------------

    /** A key whose name says it holds (or refers to) a credential. */
    private static final Pattern SECRETISH =
            Pattern.compile("(?i).*(secret|token|password|passwd|api-?key|api_key|credential|private-?key).*");
    /** The only leaves allowed below such a key: names of Secrets, keys inside them (empty = unused), and the optional flag. */
    private static final Set<String> REFERENCE_LEAVES = Set.of("existingSecret", "secretName", "name", "key", "optional");
    private static final Pattern K8S_NAME = Pattern.compile("^$|^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    private static final Pattern SECRET_KEY = Pattern.compile("^$|^[-._a-zA-Z0-9]+$");
    /** What Stripe and similar credentials look like, wherever they appear. */
    private static final Pattern CREDENTIAL_LOOKING =
            Pattern.compile("(whsec_|sk_live_|sk_test_|rk_live_|rk_test_|-----BEGIN )");

    /** Every place in a values tree where a credential is given inline instead of by reference. */
    static List<String> inlineCredentials(Object tree) {
        List<String> found = new ArrayList<>();
        scan(tree, "", false, found);
        return found;
    }

    private static void scan(Object node, String path, boolean secretish, List<String> found) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                String childPath = path.isEmpty() ? key : path + "." + key;
                boolean childSecretish = secretish || SECRETISH.matcher(key).matches();
                Object value = e.getValue();
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    scan(value, childPath, childSecretish, found);
                } else {
                    leaf(key, value, childPath, childSecretish, found);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object value = list.get(i);
                String childPath = path + "[" + i + "]";
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    scan(value, childPath, secretish, found);
                } else if (secretish) {
                    found.add(childPath + " is a value in a list under a credential key");
                } else {
                    leaf("", value, childPath, false, found);
                }
            }
        }
    }

    private static void leaf(String key, Object value, String path, boolean secretish, List<String> found) {
        if (value instanceof String s && CREDENTIAL_LOOKING.matcher(s).find()) {
            found.add(path + " looks like an inline credential");
            return;
        }
        if (!secretish) {
            return;
        }
        if (!REFERENCE_LEAVES.contains(key)) {
            found.add(path + " holds a value; credentials may only be referenced (existingSecret/name/key/optional)");
        } else if (key.equals("optional")) {
            if (!(value instanceof Boolean)) {
                found.add(path + " should be true or false");
            }
        } else if (key.equals("key")) {
            if (!(value instanceof String s) || !SECRET_KEY.matcher(s).matches()) {
                found.add(path + " is not a Secret key name: " + value);
            }
        } else if (value != null && !(value instanceof String s && K8S_NAME.matcher(s).matches())) {
            found.add(path + " is not a Kubernetes Secret name: " + value);
        }
    }
}
