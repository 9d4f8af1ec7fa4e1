package io.memberflow.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.memberflow.deploy.DeployFiles.at;
import static io.memberflow.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/** The local development stack in temporal-dev.yml, read as Docker Compose would read it. */
class TemporalDevComposeTest {

    private static final String COMPOSE = "temporal-dev.yml";
    private static Map<String, Object> services;

    @BeforeAll
    static void parse() {
        services = map(DeployFiles.yaml(COMPOSE).get("services"), "services");
    }

    private static Map<String, Object> service(String name) {
        return map(services.get(name), "service " + name);
    }

    /** A service's environment, whether written as a mapping or as a list of NAME=value. */
    private static Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object entry : list) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return out;
    }

    /** Host ports a service publishes, mapped to the container port: "8233:8080" gives 8233 -> 8080. */
    private static Map<Integer, Integer> publishedPorts(String name) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        Object ports = service(name).get("ports");
        if (ports instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> m) {
                    out.put(Integer.valueOf(String.valueOf(m.get("published"))), Integer.valueOf(String.valueOf(m.get("target"))));
                } else {
                    String[] parts = String.valueOf(p).replaceAll("/(tcp|udp)$", "").split(":");
                    int target = Integer.parseInt(parts[parts.length - 1]);
                    int published = parts.length > 1 ? Integer.parseInt(parts[parts.length - 2]) : target;
                    out.put(published, target);
                }
            }
        }
        return out;
    }

    private static String commandText(String name) {
        Map<String, Object> s = service(name);
        return String.valueOf(s.get("entrypoint")) + "\n" + s.get("command");
    }

    private static Map<String, Object> dependsOn(String name) {
        Object deps = service(name).get("depends_on");
        if (deps instanceof List<?> list) {
            Map<String, Object> out = new LinkedHashMap<>();
            list.forEach(d -> out.put(String.valueOf(d), Map.of("condition", "service_started")));
            return out;
        }
        return map(deps, name + ".depends_on");
    }

    private static String condition(Map<String, Object> deps, String service) {
        return String.valueOf(map(deps.get(service), "depends_on." + service).get("condition"));
    }

    @Test
    void givenTheComposeFile_thenItDefinesPostgresqlTemporalAdminToolsUiAndMemberflow() {
        assertThat(services).containsKeys("postgresql", "temporal", "temporal-admin-tools", "temporal-ui", "memberflow");
    }

    @Test
    void givenTheComposeFile_thenTemporalIsPublishedOn7233AndItsUiOn8233() {
        assertThat(publishedPorts("temporal")).containsEntry(7233, 7233);
        assertThat(publishedPorts("temporal-ui")).containsEntry(8233, 8080);
        assertThat(environment("temporal-ui")).containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
        assertThat(publishedPorts("memberflow")).containsEntry(8080, 8080);
    }

    @Test
    void givenTheComposeFile_thenTemporalIsAPinnedAutoSetupPersistingToThePostgresqlService() {
        assertThat(String.valueOf(service("temporal").get("image"))).matches("temporalio/auto-setup:1\\.2\\d\\.\\d+");
        assertThat(String.valueOf(service("temporal-admin-tools").get("image"))).startsWith("temporalio/admin-tools:1.2");
        assertThat(String.valueOf(service("temporal-ui").get("image"))).matches("temporalio/ui:\\d+\\.\\d+\\.\\d+");
        Map<String, String> env = environment("temporal");
        assertThat(env).containsEntry("DB", "postgres12").containsEntry("POSTGRES_SEEDS", "postgresql")
                .containsEntry("DB_PORT", "5432");
        assertThat(env.get("POSTGRES_PWD")).isEqualTo(environment("postgresql").get("POSTGRES_PASSWORD"));
        assertThat(condition(dependsOn("temporal"), "postgresql")).isEqualTo("service_healthy");
    }

    @Test
    void givenTheComposeFile_thenPostgresqlHasAHealthcheckAndCreatesTheMemberflowDatabase() {
        assertThat(String.valueOf(service("postgresql").get("image"))).isEqualTo("postgres:16");
        assertThat(map(service("postgresql").get("healthcheck"), "postgresql.healthcheck")).containsKey("test");
        assertThat(environment("postgresql")).containsEntry("POSTGRES_DB", "memberflow");
    }

    @Test
    void givenTheComposeFile_thenMemberflowIsWiredToTemporalAndPostgres() {
        Map<String, String> env = environment("memberflow");
        Matcher jdbc = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*")
                .matcher(String.valueOf(env.get("DATASOURCES_DEFAULT_URL")));
        assertThat(jdbc.matches()).as("DATASOURCES_DEFAULT_URL is a PostgreSQL JDBC URL").isTrue();
        assertThat(jdbc.group(1)).isEqualTo("postgresql");
        assertThat(services).containsKey(jdbc.group(1));
        assertThat(jdbc.group(3)).isEqualTo("memberflow");
        assertThat(env.get("DATASOURCES_DEFAULT_USERNAME")).isEqualTo(environment("postgresql").get("POSTGRES_USER"));
        assertThat(env.get("DATASOURCES_DEFAULT_PASSWORD")).isEqualTo(environment("postgresql").get("POSTGRES_PASSWORD"));

        assertThat(env).containsEntry("TEMPORAL_ADDRESS", "temporal:7233").containsEntry("TEMPORAL_NAMESPACE", "default");
        assertThat(env.get("MEMBERFLOW_ROLE")).isIn(null, "all");
    }

    @Test
    void givenTheComposeFile_thenMemberflowLoadsTheMountedExamplePlansFile() {
        String configFile = environment("memberflow").get("MICRONAUT_CONFIG_FILES");
        assertThat(configFile).isEqualTo("/config/memberflow.yml");

        Object volumes = service("memberflow").get("volumes");
        assertThat(volumes).isInstanceOf(List.class);
        String mount = ((List<?>) volumes).stream().map(String::valueOf)
                .filter(v -> v.split(":").length >= 2 && v.split(":")[1].equals(configFile))
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at " + configFile));
        String hostPath = mount.split(":")[0].replaceFirst("^\\./", "");
        assertThat(Files.isRegularFile(DeployFiles.file(hostPath))).as(hostPath + " exists").isTrue();

        Map<String, Object> plansFile = DeployFiles.yaml(hostPath);
        assertThat(at(plansFile, "memberflow.grace-period")).isEqualTo("P3D");
        Map<String, Object> plans = map(at(plansFile, "memberflow.plans"), "memberflow.plans");
        assertThat(plans).isNotEmpty();
        plans.forEach((name, plan) -> assertThat(map(plan, name)).containsKey("stripe-price-ids")
                .containsKeys("circle-access-group-ids", "kit-tag-ids"));
        assertThat(map(at(plansFile, "memberflow.kit.lifecycle-tag-ids"), "lifecycle-tag-ids"))
                .containsKeys("past-due", "canceled", "refunded", "blocked");
    }

    @Test
    void givenTheComposeFile_thenTheWebhookSecretIsRequiredFromTheEnvironmentWithoutADefault() {
        String secret = environment("memberflow").get("STRIPE_WEBHOOK_SECRET");
        assertThat(secret).as("Compose must refuse to start without a real secret")
                .startsWith("${STRIPE_WEBHOOK_SECRET:?").endsWith("}");
        assertThat(secret).doesNotContain(io.memberflow.config.StripeProperties.LOCAL_DEV_SECRET).doesNotContain(":-");
        assertThat(DeployFiles.read(COMPOSE)).doesNotContain(io.memberflow.config.StripeProperties.LOCAL_DEV_SECRET);
    }

    @Test
    void givenTheAdminTools_thenTheyRegisterMemberStateNeedsAttentionAndPlanNameWithTheirTypes() {
        String script = commandText("temporal-admin-tools");
        assertThat(script).contains("temporal operator search-attribute create");
        assertThat(script).containsPattern("MemberState\\W+(--type\\s+)?Keyword")
                .containsPattern("NeedsAttention\\W+(--type\\s+)?Bool")
                .containsPattern("PlanName\\W+(--type\\s+)?Keyword");
        assertThat(environment("temporal-admin-tools")).containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
        // A retry loop: the server takes a while to come up after the container starts.
        assertThat(script).containsPattern("\\b(until|while)\\b").contains("sleep");
    }

    @Test
    void givenTheAdminToolsScript_thenEveryShellDollarIsEscapedFromComposeInterpolation() {
        String command = String.valueOf(service("temporal-admin-tools").get("command"));
        assertThat(command.replace("$$", "")).as("a single $ would be interpolated by Compose").doesNotContain("$");
    }

    @Test
    void givenTheComposeFile_thenMemberflowStartsAfterPostgresTemporalAndTheSearchAttributes() {
        Map<String, Object> deps = dependsOn("memberflow");
        assertThat(deps).containsKeys("temporal", "postgresql", "temporal-admin-tools");
        assertThat(condition(deps, "postgresql")).isEqualTo("service_healthy");
        assertThat(condition(deps, "temporal")).isIn("service_started", "service_healthy");
        assertThat(condition(deps, "temporal-admin-tools")).isEqualTo("service_completed_successfully");
        assertThat(String.valueOf(service("temporal-admin-tools").get("restart"))).isIn("no", "null");
    }

    @Test
    void givenTheComposeFile_thenMemberflowIsBuiltFromTheDockerfile() {
        assertThat(String.valueOf(service("memberflow").get("build"))).isIn(".", "{context=.}");
        assertThat(Files.isRegularFile(DeployFiles.file("Dockerfile"))).isTrue();
    }
}
