package io.memberflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/configuration.md is checked against the code: every setting the code reads (configuration records,
 * {@code ${…}} placeholders, {@code application.yml}) has a row, every environment variable the code reads is named
 * somewhere in docs/, and the table names no setting the code no longer has.
 */
class ConfigurationDocsTest {

    private static final Path DOCS = Path.of("docs");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9.-]+)");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\"([A-Z0-9_]+)\"");
    private static final Pattern ENV_IN_YAML = Pattern.compile("^\\$\\{([A-Z0-9_]+):");
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("`(memberflow\\.[a-z0-9.-]+)`");

    private static List<String> rows;
    private static String allDocs;
    /** Every key of application.yml, with the environment variable its value names (or null). */
    private static Map<String, String> yamlKeys;

    @BeforeAll
    static void read() throws IOException {
        rows = Files.readAllLines(DOCS.resolve("configuration.md")).stream().filter(l -> l.startsWith("|")).toList();
        try (Stream<Path> files = Files.list(DOCS)) {
            StringBuilder text = new StringBuilder();
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                text.append(Files.readString(f));
            }
            allDocs = text.toString();
        }
        yamlKeys = new LinkedHashMap<>();
        try (InputStream in = ConfigurationDocsTest.class.getResourceAsStream("/application.yml")) {
            flatten("", new Yaml().load(in), yamlKeys);
        }
    }

    @Test
    void everySettingOfAConfigurationRecordHasARow() {
        Set<String> missing = new TreeSet<>();
        for (String key : recordSettings()) {
            if (!documented(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("settings read by configuration records but not in docs/configuration.md").isEmpty();
    }

    @Test
    void everyPlaceholderTheCodeReadsHasARow() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (String key : matches(PLACEHOLDER, mainSources())) {
            if (key.startsWith("memberflow.") && !documented(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("${…} settings in src/main/java but not in docs/configuration.md").isEmpty();
    }

    @Test
    void everyMemberflowKeyOfApplicationYmlHasARow() {
        Set<String> missing = yamlKeys.keySet().stream()
                .filter(k -> k.startsWith("memberflow.") && !k.startsWith("memberflow.plans.") && !documented(k))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("memberflow.* keys of application.yml not in docs/configuration.md").isEmpty();
    }

    @Test
    void everyEnvironmentVariableTheCodeReadsIsNamedInTheDocs() throws IOException {
        Set<String> names = matches(GETENV, mainSources());
        yamlKeys.values().stream().filter(v -> v != null).forEach(names::add);
        Set<String> missing = names.stream().filter(n -> !allDocs.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("environment variables the code reads but docs/ never names").isEmpty();
    }

    @Test
    void theTableNamesNoSettingTheCodeDoesNotHave() {
        Set<String> known = new TreeSet<>(yamlKeys.keySet());
        known.addAll(recordSettings());
        Set<String> stale = new TreeSet<>();
        for (String row : rows) {
            Matcher m = DOCUMENTED_KEY.matcher(row);
            while (m.find()) {
                String key = m.group(1);
                if (!key.startsWith("memberflow.plans.") && known.stream().noneMatch(k -> k.equals(key)
                        || k.startsWith(key + "."))) {
                    stale.add(key);
                }
            }
        }
        assertThat(stale).as("settings in docs/configuration.md the code does not read").isEmpty();
    }

    /**
     * A key is documented when a row names it in full, names its environment variable, or names a sibling in full
     * and the key's last segment in backticks (the table's {@code `memberflow.relay.interval` / `batch-size`}).
     */
    private static boolean documented(String key) {
        String env = yamlKeys.get(key);
        int dot = key.lastIndexOf('.');
        String parent = key.substring(0, dot + 1);
        String last = key.substring(dot + 1);
        return rows.stream().anyMatch(r -> r.contains("`" + key + "`")
                || (env != null && r.contains("`" + env + "`"))
                || (r.contains("`" + parent) && r.contains("`" + last + "`")));
    }

    /** Settings of every {@code @ConfigurationProperties} record in io.memberflow (plans excepted: docs/vendors.md). */
    private static Set<String> recordSettings() {
        Set<String> keys = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.memberflow")) {
            if (!c.isAnnotatedWith(ConfigurationProperties.class) || c.isAnnotatedWith(EachProperty.class)) {
                continue;
            }
            Class<?> type = c.reflect();
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : type.getRecordComponents()) {
                if (!component.getType().isAnnotationPresent(ConfigurationProperties.class)) {
                    keys.add(prefix + "." + kebab(component.getName()));
                }
            }
        }
        return keys;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else {
            Matcher env = ENV_IN_YAML.matcher(String.valueOf(node));
            out.put(prefix, env.find() ? env.group(1) : null);
        }
    }

    private static String mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            StringBuilder text = new StringBuilder();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                text.append(Files.readString(f)).append('\n');
            }
            return text.toString();
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
